package io.github.imagejgan.predict;

import java.lang.management.ManagementFactory;

import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.task.UserException;

/**
 * The "auto" tile size: the largest tile whose network activations fit a share of the memory available, since
 * larger tiles waste less work on halos but a tile that does not fit fails.
 */
public final class TileSizes {

    /** Activation memory per input pixel of the restoration networks, measured order of magnitude (bytes). */
    private static final long BYTES_PER_PIXEL = 2048;
    /** What a GPU is assumed to offer when its free memory cannot be asked. */
    private static final long GPU_BUDGET = 2L << 30;
    private static final int MIN = 64;
    private static final int MAX = 2048;
    /** The smallest tile a user may choose: below it the halo around each tile is most of the work. */
    private static final int MIN_CHOSEN = 16;
    /** The largest: one tile of this size already needs more activation memory than any device offers. */
    private static final int MAX_CHOSEN = 16384;

    private TileSizes() {
    }

    /**
     * Reads a tile size as users write it: "auto" (or nothing) gives 0, meaning "choose with {@link #auto}";
     * otherwise a whole number of pixels.
     *
     * @throws IllegalArgumentException if it is neither, or out of range
     */
    public static int parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("auto")) {
            return 0;
        }
        String digits = text.trim();
        if (digits.matches("[0-9]{1,6}")) {
            int size = Integer.parseInt(digits);
            if (size >= MIN_CHOSEN && size <= MAX_CHOSEN) {
                return size;
            }
        }
        throw new UserException("Tile size must be 'auto' or a whole number of pixels from " + MIN_CHOSEN
                + " to " + MAX_CHOSEN + ", got '" + text + "'.");
    }

    /** A tile size for the model on its device, for an image of the given size. */
    public static int auto(LoadedModel model, int width, int height) {
        boolean gpu = model.manager().getDevice().isGpu();
        return auto(model.descriptor(), width, height, gpu ? GPU_BUDGET : freeMemory() / 4);
    }

    /** A tile size within {@code budget} bytes of activations. */
    static int auto(ModelDescriptor descriptor, int width, int height, long budget) {
        int halo = descriptor.tiling().halo();
        int divisor = descriptor.generator().divisor();
        int scale = descriptor.scale();
        long perPixel = BYTES_PER_PIXEL * scale * scale;
        int side = (int) Math.sqrt((double) budget / perPixel) - 2 * halo;
        int largestNeeded = Math.max(width, height);
        int size = Math.max(MIN, Math.min(Math.min(MAX, side), roundUp(largestNeeded, divisor)));
        return Math.max(divisor, size / divisor * divisor);
    }

    /**
     * How to run the model over an image of {@code width} x {@code height} as users ask for it: {@code tile} is
     * "auto" (the largest tile the memory holds, {@link #auto}) or a size in pixels, batched as {@link #batch} says.
     *
     * @param channel the 0-based channel to process, or -1 for every channel
     */
    public static PredictionOptions options(LoadedModel model, String tile, OutputType type, int channel, int width,
            int height) {
        int chosen = parse(tile);
        int size = chosen > 0 ? chosen : auto(model, width, height);
        return new PredictionOptions(type, size, batch(model, size, width, height), channel);
    }

    /**
     * Tiles per network call for the model on its device: one on the CPU (a larger batch only adds memory there), and
     * on a GPU as many tiles of {@code tileSize} as its activation budget holds, at most the tiles of one plane.
     */
    public static int batch(LoadedModel model, int tileSize, int width, int height) {
        return model.manager().getDevice().isGpu() ? batch(model.descriptor(), tileSize, width, height, GPU_BUDGET)
                : 1;
    }

    /** Tiles of {@code tileSize} whose activations fit {@code budget} bytes, between 1 and the tiles of a plane. */
    static int batch(ModelDescriptor descriptor, int tileSize, int width, int height, long budget) {
        int halo = descriptor.tiling().halo();
        int scale = descriptor.scale();
        long side = tileSize + 2L * halo;
        long perTile = side * side * BYTES_PER_PIXEL * scale * scale;
        long tiles = (long) ((width + tileSize - 1) / tileSize) * ((height + tileSize - 1) / tileSize);
        return (int) Math.max(1, Math.min(tiles, budget / perTile));
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Memory the system has free now, or the heap's limit where the system does not say. */
    static long freeMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
