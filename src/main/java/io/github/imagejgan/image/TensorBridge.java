package io.github.imagejgan.image;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import io.github.imagejgan.task.UserException;

/**
 * Moves pixels between image planes and NCHW float32 {@link NDArray}s.
 *
 * <p>Pixels are written straight into the tensor's own native memory (through a direct view of it), row by row
 * from the planes' primitive arrays, with normalization applied on the way; coming back, rows are read from a direct
 * view of the output tensor, de-normalized, clamped and rounded into the target pixel type. Regions reaching beyond
 * the plane are filled by mirror reflection, so tiles at image borders see plausible context. Large transfers are
 * split by rows over all cores.
 */
public final class TensorBridge {

    /** Below this many pixels a transfer runs on the calling thread; thread hand-off would cost more. */
    private static final long PARALLEL_PIXELS = 1 << 20;

    private TensorBridge() {
    }

    /**
     * Reads a region of the given channel planes into a new {@code [1, C, height, width]} float32 array on the
     * manager's device. The region may extend beyond the planes (even wholly); outside pixels are mirrored.
     *
     * @param map applied to every value (e.g. {@link IntensityRange#normalizing()})
     */
    public static NDArray read(NDManager manager, List<PlaneAccess> channels, int x0, int y0, int width, int height,
            LinearMap map) {
        checkChannels(channels);
        Shape shape = new Shape(1, channels.size(), height, width);
        if (manager.getDevice().equals(Device.cpu())) {
            NDArray array = manager.create(shape, DataType.FLOAT32);
            readRegion(floatView(array), 0, channels, x0, y0, width, height, map);
            return array;
        }
        try (NDManager staging = NDManager.newBaseManager(Device.cpu(), manager.getEngine().getEngineName())) {
            NDArray array = staging.create(shape, DataType.FLOAT32);
            readRegion(floatView(array), 0, channels, x0, y0, width, height, map);
            NDArray onDevice = array.toDevice(manager.getDevice(), true);
            onDevice.attach(manager);
            return onDevice;
        }
    }

    /**
     * Writes batch item {@code item} of an NCHW float32 array into the given channel planes with its top-left pixel
     * at (x0, y0); the parts that fall outside the planes are skipped.
     *
     * @param map applied to every value before clamping and rounding (e.g. {@link IntensityRange#denormalizing()})
     */
    public static void write(NDArray nchw, int item, List<PlaneAccess> channels, int x0, int y0, LinearMap map) {
        checkChannels(channels);
        Shape shape = nchw.getShape();
        if (shape.dimension() != 4 || shape.get(1) != channels.size() || item < 0 || item >= shape.get(0)) {
            throw new UserException("Expected an NCHW array with " + channels.size()
                    + " channels and item " + item + ", got shape " + shape);
        }
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        FloatBuffer view = floatView(nchw);
        int itemOffset = item * channels.size() * h * w;
        PlaneAccess first = channels.get(0);
        int xa = Math.max(0, x0);
        int xb = Math.min(first.width(), x0 + w);
        int ya = Math.max(0, y0);
        int yb = Math.min(first.height(), y0 + h);
        if (xa >= xb || ya >= yb) {
            return;
        }
        for (int c = 0; c < channels.size(); c++) {
            PlaneAccess plane = channels.get(c);
            int channelOffset = itemOffset + c * h * w;
            rows(ya, yb, (long) (xb - xa) * (yb - ya)).forEach(y -> plane.writeRow(y, xa, xb - xa, view,
                    channelOffset + (y - y0) * w + (xa - x0), map));
        }
    }

    /**
     * Copies an ImgLib2 block with axes X, Y or X, Y, C into a new {@code [1, C, H, W]} float32 array on the
     * manager's device, unchanged in value.
     */
    public static <T extends RealType<T>> NDArray toNDArray(NDManager manager, RandomAccessibleInterval<T> block) {
        List<PlaneAccess> planes = blockPlanes(block);
        PlaneAccess first = planes.get(0);
        return read(manager, planes, 0, 0, first.width(), first.height(), LinearMap.IDENTITY);
    }

    /**
     * Copies a {@code [1, C, H, W]} array into an ImgLib2 block with axes X, Y or X, Y, C of the same size, clamping
     * and rounding to the block's pixel type.
     */
    public static <T extends RealType<T>> void copyToImage(NDArray nchw, RandomAccessibleInterval<T> block) {
        List<PlaneAccess> planes = blockPlanes(block);
        Shape shape = nchw.getShape();
        PlaneAccess first = planes.get(0);
        if (shape.dimension() != 4 || shape.get(0) != 1 || shape.get(2) != first.height()
                || shape.get(3) != first.width()) {
            throw new UserException("Array of shape " + shape + " does not fit a block of "
                    + first.width() + "x" + first.height() + "x" + planes.size());
        }
        write(nchw, 0, planes, 0, 0, LinearMap.IDENTITY);
    }

    /**
     * Fills one NCHW item, starting at absolute index {@code offset} of {@code dst}, with the region
     * (x0, y0, width, height) of the channel planes, mirror-padded outside them; the building block of tiling and
     * of training patches.
     */
    public static void readRegion(FloatBuffer dst, int offset, List<PlaneAccess> channels, int x0, int y0,
            int width, int height, LinearMap map) {
        PlaneAccess first = channels.get(0);
        int planeW = first.width();
        int planeH = first.height();
        int xa = Math.max(0, x0);
        int xb = Math.min(planeW, x0 + width);
        for (int c = 0; c < channels.size(); c++) {
            PlaneAccess plane = channels.get(c);
            int channelOffset = offset + c * width * height;
            rows(0, height, (long) width * height).forEach(r -> {
                int y = Mirror.reflect(y0 + r, planeH);
                int rowStart = channelOffset + r * width;
                if (xa < xb) {
                    plane.readRow(y, xa, xb - xa, dst, rowStart + (xa - x0), map);
                }
                for (int x = x0; x < x0 + width; x++) {
                    if (x < xa || x >= xb) {
                        plane.readRow(y, Mirror.reflect(x, planeW), 1, dst, rowStart + (x - x0), map);
                    }
                }
            });
        }
    }

    /** A float view of a contiguous CPU copy of the array's memory (the memory itself when already so). */
    static FloatBuffer floatView(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new UserException("Expected a float32 array, got " + array.getDataType());
        }
        return array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static IntStream rows(int from, int to, long pixels) {
        IntStream rows = IntStream.range(from, to);
        return pixels >= PARALLEL_PIXELS ? rows.parallel() : rows;
    }

    private static void checkChannels(List<PlaneAccess> channels) {
        if (channels.isEmpty()) {
            throw new UserException("At least one channel plane is needed.");
        }
        PlaneAccess first = channels.get(0);
        for (PlaneAccess p : channels) {
            if (p.width() != first.width() || p.height() != first.height()) {
                throw new UserException("Channel planes differ in size: " + first.width() + "x"
                        + first.height() + " and " + p.width() + "x" + p.height());
            }
        }
    }

    private static <T extends RealType<T>> List<PlaneAccess> blockPlanes(RandomAccessibleInterval<T> block) {
        int n = block.numDimensions();
        if (n == 2) {
            return List.of(PlaneAccesses.plane(block));
        }
        if (n != 3) {
            throw new UnsupportedImageException("A tensor block has axes X, Y or X, Y, C; got " + n + " dimensions.");
        }
        List<PlaneAccess> planes = new ArrayList<>();
        for (long c = block.min(2); c <= block.max(2); c++) {
            planes.add(PlaneAccesses.plane(block, c));
        }
        return planes;
    }
}
