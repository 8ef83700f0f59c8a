package io.github.imagejgan.train;

import java.util.SplittableRandom;

import ai.djl.ndarray.types.Shape;

/**
 * A toy denoising task: smooth random patterns (sums of a few oriented waves and a bright blob) as targets, the same
 * with Gaussian noise as inputs; or, unpaired, patterns and their inverted versions as two domains.
 */
final class ToyPatches implements PatchSource {

    private final int patch;
    private final int batch;
    private final double noise;
    private final long seed;
    private final boolean unpaired;

    ToyPatches(int patch, int batch, double noise, long seed, boolean unpaired) {
        this.patch = patch;
        this.batch = batch;
        this.noise = noise;
        this.seed = seed;
        this.unpaired = unpaired;
    }

    static ToyPatches denoising(int patch, int batch, long seed) {
        return new ToyPatches(patch, batch, 0.2, seed, false);
    }

    static ToyPatches inversion(int patch, int batch, long seed) {
        return new ToyPatches(patch, batch, 0, seed, true);
    }

    @Override
    public PatchBatch batch(long step) {
        SplittableRandom random = Patches.random(seed, step);
        int n = patch * patch;
        float[] in = new float[batch * n];
        float[] out = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            float[] clean = pattern(random);
            float[] other = unpaired ? pattern(random) : clean;
            for (int i = 0; i < n; i++) {
                out[b * n + i] = unpaired ? 1 - other[i] : clean[i];
                in[b * n + i] = (float) (clean[i] + noise * random.nextGaussian());
            }
        }
        Shape shape = new Shape(batch, 1, patch, patch);
        return new PatchBatch(in, shape, out, shape);
    }

    private float[] pattern(SplittableRandom random) {
        float[] p = new float[patch * patch];
        double fx = random.nextDouble(0.05, 0.3);
        double fy = random.nextDouble(0.05, 0.3);
        double phase = random.nextDouble(0, 2 * Math.PI);
        double bx = random.nextDouble(0, patch);
        double by = random.nextDouble(0, patch);
        double radius = random.nextDouble(2, patch / 4.0);
        for (int y = 0; y < patch; y++) {
            for (int x = 0; x < patch; x++) {
                double wave = 0.25 + 0.2 * Math.sin(fx * x + fy * y + phase);
                double d2 = ((x - bx) * (x - bx) + (y - by) * (y - by)) / (radius * radius);
                p[y * patch + x] = (float) (wave + 0.5 * Math.exp(-d2));
            }
        }
        return p;
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    @Override
    public int targetChannels() {
        return 1;
    }

    @Override
    public String description() {
        return unpaired ? "toy patterns and inverted patterns" : "toy patterns with Gaussian noise 0.2";
    }
}
