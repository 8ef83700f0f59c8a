package io.github.imagejgan.image;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * Runs a {@link TileFunction} over planes tile by tile: each tile is read (mirror-padded, normalized) into a reused
 * staging tensor, moved to the chosen device, processed, and its kept part blended into the output rows. Memory is
 * bounded by the tile size and the image width, whatever the image size; with a halo at least the network's
 * receptive-field radius the result equals processing the plane in one piece.
 */
public final class TiledProcessor {

    private final TileSpec spec;
    private final int scale;
    private final int batchSize;
    private final Device device;

    /**
     * @param scale     output pixels per input pixel along X and Y
     * @param batchSize tiles per network call (more use a GPU better; 1 is best for CPU memory)
     * @param device    where the network runs; tiles are staged on the CPU and copied there
     */
    public TiledProcessor(TileSpec spec, int scale, int batchSize, Device device) {
        if (batchSize < 1) {
            throw new UserException("Batch size must be at least 1, got " + batchSize);
        }
        if (scale < 1) {
            throw new UserException("Output scale must be at least 1, got " + scale);
        }
        this.spec = spec;
        this.scale = scale;
        this.batchSize = batchSize;
        this.device = device;
    }

    /** Number of tiles one plane of the given size needs. */
    public int tileCount(int width, int height) {
        return TilePlan.of(width, height, spec, scale).tileCount();
    }

    /**
     * Processes every slice and frame of {@code input} (all its channels form the network's input channels) into
     * the matching planes of {@code output} (all its channels are the network's output channels).
     */
    public void process(HyperImage<?> input, HyperImage<?> output, LinearMap inputMap, LinearMap outputMap,
            TileFunction function, TaskMonitor monitor) {
        if (output.width() != input.width() * scale || output.height() != input.height() * scale
                || output.slices() != input.slices() || output.frames() != input.frames()) {
            throw new UserException("Output " + output + " does not match input " + input + " at scale "
                    + scale);
        }
        int perPlane = tileCount(input.width(), input.height());
        long total = (long) perPlane * input.slices() * input.frames();
        long done = 0;
        for (int t = 0; t < input.frames(); t++) {
            for (int z = 0; z < input.slices(); z++) {
                long before = done;
                String where = input.slices() * input.frames() > 1
                        ? "plane " + (t * input.slices() + z + 1) + "/" + input.slices() * input.frames() + ", "
                        : "";
                processPlane(input.channelPlanes(z, t), output.channelPlanes(z, t), inputMap, outputMap, function,
                        new TaskMonitor() {
                            @Override
                            public void progress(long tiles, long ignored, String message) {
                                monitor.progress(before + tiles, total, where + message);
                            }

                            @Override
                            public boolean isCancelled() {
                                return monitor.isCancelled();
                            }
                        });
                done += perPlane;
            }
        }
    }

    /**
     * Processes one plane set: {@code inputs} are the channels fed to the function, {@code outputs} the channels it
     * produces, {@code scale} times larger along X and Y.
     */
    public void processPlane(List<PlaneAccess> inputs, List<PlaneAccess> outputs, LinearMap inputMap,
            LinearMap outputMap, TileFunction function, TaskMonitor monitor) {
        PlaneAccess in = inputs.get(0);
        TilePlan plan = TilePlan.of(in.width(), in.height(), spec, scale);
        PlaneAccess out = outputs.get(0);
        if (out.width() != plan.outputWidth() || out.height() != plan.outputHeight()) {
            throw new UserException("Output planes are " + out.width() + "x" + out.height() + ", expected "
                    + plan.outputWidth() + "x" + plan.outputHeight());
        }
        List<Tile> tiles = plan.tiles();
        int tw = plan.inputWidth();
        int th = plan.inputHeight();
        int itemSize = inputs.size() * tw * th;
        RowAccumulator accumulator = new RowAccumulator(outputs, outputMap);
        Map<Integer, NDArray> staging = new HashMap<>();
        try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
            for (int first = 0; first < tiles.size(); first += batchSize) {
                monitor.checkCancelled();
                int n = Math.min(batchSize, tiles.size() - first);
                NDArray batch = staging.computeIfAbsent(n,
                        k -> root.create(new Shape(k, inputs.size(), th, tw), DataType.FLOAT32));
                FloatBuffer view = TensorBridge.floatView(batch);
                for (int i = 0; i < n; i++) {
                    Tile tile = tiles.get(first + i);
                    TensorBridge.readRegion(view, i * itemSize, inputs, tile.inputX(), tile.inputY(), tw, th, inputMap);
                }
                try (NDManager scope = root.newSubManager()) {
                    batch.tempAttach(scope);
                    NDArray input = device.equals(Device.cpu()) ? batch : batch.toDevice(device, true);
                    NDArray result = function.apply(input);
                    checkOutput(result, n, outputs.size(), tw, th);
                    FloatBuffer outView = TensorBridge.floatView(result);
                    int outItem = outputs.size() * tw * th * scale * scale;
                    for (int i = 0; i < n; i++) {
                        accumulator.add(tiles.get(first + i), scale, outView, i * outItem, tw * scale, th * scale);
                    }
                }
                int next = first + n;
                accumulator.flushBefore(next < tiles.size() ? tiles.get(next).keptStartY() * scale : Integer.MAX_VALUE);
                monitor.progress(next, tiles.size(), "tile " + next + "/" + tiles.size());
            }
        }
        accumulator.flushAll();
    }

    private void checkOutput(NDArray result, int n, int channels, int tw, int th) {
        Shape expected = new Shape(n, channels, (long) th * scale, (long) tw * scale);
        if (!result.getShape().equals(expected)) {
            throw new IllegalStateException("The network returned shape " + result.getShape() + " for a batch of "
                    + n + " tiles; expected " + expected + ". The model's channel count or scale factor does not "
                    + "match its description.");
        }
        if (result.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("The network returned " + result.getDataType() + " values; expected "
                    + "float32.");
        }
    }
}
