package io.github.imagejgan.image;

import java.nio.FloatBuffer;
import java.util.ArrayList;
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
        processWindow(inputs, PlaneWindow.whole(in.width(), in.height()), outputs, inputMap, outputMap, function,
                monitor);
    }

    /**
     * Processes the part {@code window} of one plane set: the tiles of the whole plane that reach into the window
     * run, and {@code outputs} (the window's size times the scale) receive exactly the pixels processing the whole
     * plane would give there. The inputs are whole planes, of which only {@link #inputWindow} is read.
     */
    public void processWindow(List<PlaneAccess> inputs, PlaneWindow window, List<PlaneAccess> outputs,
            LinearMap inputMap, LinearMap outputMap, TileFunction function, TaskMonitor monitor) {
        PlaneAccess in = inputs.get(0);
        if (!window.fitsIn(in.width(), in.height())) {
            throw new UserException("Window " + window + " reaches beyond the " + in.width() + "x" + in.height()
                    + " plane");
        }
        TilePlan plan = TilePlan.of(in.width(), in.height(), spec, scale);
        PlaneAccess out = outputs.get(0);
        if (out.width() != window.width() * scale || out.height() != window.height() * scale) {
            throw new UserException("Output planes are " + out.width() + "x" + out.height() + ", expected "
                    + window.width() * scale + "x" + window.height() * scale);
        }
        List<Tile> tiles = plan.tiles().stream().filter(t -> reaches(t, window)).toList();
        int tw = plan.inputWidth();
        int th = plan.inputHeight();
        int itemSize = inputs.size() * tw * th;
        RowAccumulator accumulator = new RowAccumulator(outputs, window.scaled(scale), outputMap);
        Map<Integer, NDArray> staging = new HashMap<>();
        try (NDManager root = DeviceSelector.newManager(Device.cpu())) {
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
                    List<PlaneWindow> kept = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        kept.add(tiles.get(first + i).keptInInput());
                    }
                    NDArray result = function.apply(input, kept);
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

    /**
     * The part of a {@code width} x {@code height} plane that {@link #processWindow} reads for {@code window}: the
     * tiles reaching into the window with their halos, and where they reach past the plane's border, the pixels
     * mirrored in from inside it. A block of a large image needs only this much of its plane.
     */
    public PlaneWindow inputWindow(int width, int height, PlaneWindow window) {
        TilePlan plan = TilePlan.of(width, height, spec, scale);
        int[] xs = readSpan(plan.x(), window.x(), window.endX());
        int[] ys = readSpan(plan.y(), window.y(), window.endY());
        return new PlaneWindow(xs[0], ys[0], xs[1] - xs[0], ys[1] - ys[0]);
    }

    /** The first and (exclusive) last plane pixel read along one axis by the tiles whose kept part meets [from, to). */
    private static int[] readSpan(AxisTiling axis, int from, int to) {
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (int i = 0; i < axis.count(); i++) {
            if (axis.keptStart(i) < to && axis.keptEnd(i) > from) {
                for (int p = axis.inputStart(i); p < axis.inputStart(i) + axis.inputSize(); p++) {
                    int q = Mirror.reflect(p, axis.length());
                    low = Math.min(low, q);
                    high = Math.max(high, q + 1);
                }
            }
        }
        return new int[] { low, high };
    }

    /** Whether the tile's kept part meets the window. */
    private static boolean reaches(Tile tile, PlaneWindow window) {
        return tile.keptStartX() < window.endX() && tile.keptEndX() > window.x() && tile.keptStartY() < window.endY()
                && tile.keptEndY() > window.y();
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
