package io.github.imagejgan.nn;

import java.util.Random;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import io.github.imagejgan.task.UserException;

/**
 * Finds out what a network whose structure is unknown (a TorchScript module from elsewhere) needs from the image
 * path, by running it on small test inputs: how many channels it takes and returns, its output scale, the size
 * divisor its inputs need, and how far one input pixel's influence reaches. Every probe input is seeded, so the
 * same module always gives the same answers.
 */
public final class NetworkProbe {

    /** Smallest edge of a probe input; big enough for the pooling of common generators. */
    private static final int BASE = 64;

    private final Block network;
    private final NDManager manager;

    /**
     * @param network takes and returns NCHW batches
     * @param manager where probe inputs are created (the network's device)
     */
    public NetworkProbe(Block network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    /**
     * Channels in and out and the scale factor.
     *
     * @param inputChannels the stated input channels, or 0 to try 1 to 4
     */
    public record Geometry(int inputChannels, int outputChannels, int scale) {
    }

    /**
     * How far an input pixel's influence reaches.
     *
     * @param radius input pixels on each side that an output pixel depends on (measured)
     * @param global every output pixel changed: the network uses statistics of its whole input (instance
     *               normalization), or sees farther than the probe's half size (then {@code radius} is that half)
     */
    public record Reach(int radius, boolean global) {
    }

    /**
     * Runs the network on inputs of 1 to 4 channels (or the stated number) at growing sizes until one works.
     *
     * @throws IllegalArgumentException if no input works, with the last error the network gave
     */
    public Geometry geometry(int inputChannels) {
        String lastError = "no input tried";
        int first = inputChannels > 0 ? inputChannels : 1;
        int last = inputChannels > 0 ? inputChannels : 4;
        for (int c = first; c <= last; c++) {
            for (int size = BASE; size <= 4 * BASE; size *= 2) {
                try (NDManager scope = manager.newSubManager()) {
                    Shape out = run(scope, c, size, size, 1).getShape();
                    if (out.dimension() == 4 && out.get(2) % size == 0 && out.get(2) == out.get(3)
                            && out.get(2) >= size) {
                        return new Geometry(c, (int) out.get(1), (int) (out.get(2) / size));
                    }
                    lastError = "a " + c + "-channel " + size + "x" + size + " input gave shape " + out;
                } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
                    lastError = firstLine(e.getMessage());
                }
            }
        }
        throw new UserException("The network accepted none of the test inputs ("
                + (inputChannels > 0 ? inputChannels + " channel" + (inputChannels == 1 ? "" : "s")
                        : "1 to 4 channels")
                + ", " + BASE + " to " + 4 * BASE + " pixels square); the last error was: " + lastError);
    }

    /**
     * The smallest power of two d up to {@code max} such that inputs of a size d times an odd number work and come
     * back {@code scale} times larger; such sizes fail for any larger divisor.
     *
     * @throws IllegalArgumentException if no divisor up to {@code max} works
     */
    public int divisor(Geometry geometry, int max) {
        for (int d = 1; d <= max; d *= 2) {
            int odd = 1;
            while (d * odd < BASE) {
                odd += 2;
            }
            int size = d * odd;
            try (NDManager scope = manager.newSubManager()) {
                Shape out = run(scope, geometry.inputChannels(), size, size, 2).getShape();
                if (out.equals(new Shape(1, geometry.outputChannels(), (long) size * geometry.scale(),
                        (long) size * geometry.scale()))) {
                    return d;
                }
            } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
                // This size does not fit; try the next divisor.
            }
        }
        throw new UserException("No input size that is a multiple of a power of two up to " + max
                + " gave an output of the expected size.");
    }

    /**
     * Changes single input pixels (in every channel) of a random input and measures how far the output changes.
     * Networks with strided layers treat pixels differently by their position modulo the divisor, so one pixel of
     * each such phase (up to 8) is changed in turn, and the farthest reach counts.
     *
     * @param size edge of the probe input (a multiple of the divisor)
     */
    public Reach reach(Geometry geometry, int size, int divisor) {
        try (NDManager scope = manager.newSubManager()) {
            float[] values = random(geometry.inputChannels() * size * size, 3);
            Shape shape = new Shape(1, geometry.inputChannels(), size, size);
            float[] base = forward(scope.create(values, shape));
            float largest = 0;
            for (float v : base) {
                largest = Math.max(largest, Math.abs(v));
            }
            float tolerance = 1e-6f * Math.max(1f, largest);
            int centre = size / 2;
            int radius = 0;
            boolean global = false;
            for (int phase = 0; phase < Math.min(divisor, 8); phase++) {
                int p = centre + phase;
                float[] changedInput = values.clone();
                for (int c = 0; c < geometry.inputChannels(); c++) {
                    changedInput[(c * size + p) * size + p] += 1f;
                }
                float[] changed = forward(scope.create(changedInput, shape));
                int outSize = size * geometry.scale();
                boolean[] corners = new boolean[4];
                for (int i = 0; i < base.length; i++) {
                    if (Math.abs(changed[i] - base[i]) <= tolerance) {
                        continue;
                    }
                    int x = i % outSize;
                    int y = (i / outSize) % outSize;
                    radius = Math.max(radius, Math.max(Math.abs(x / geometry.scale() - p),
                            Math.abs(y / geometry.scale() - p)));
                    if ((x == 0 || x == outSize - 1) && (y == 0 || y == outSize - 1)) {
                        corners[(x == 0 ? 0 : 1) + (y == 0 ? 0 : 2)] = true;
                    }
                }
                // The corners lie farthest from the changed pixel: if they all changed, so did everything.
                global |= corners[0] && corners[1] && corners[2] && corners[3] || radius >= centre - 8;
            }
            return new Reach(global ? centre : radius, global);
        }
    }

    private NDArray run(NDManager scope, int channels, int height, int width, long seed) {
        NDArray input = scope.create(random(channels * height * width, seed), new Shape(1, channels, height,
                width));
        return network.forward(new ParameterStore(scope, false), new NDList(input), false).singletonOrThrow();
    }

    private float[] forward(NDArray input) {
        return network.forward(new ParameterStore(input.getManager(), false), new NDList(input), false)
                .singletonOrThrow().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }

    private static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
