package io.github.imagejgan.train;

import java.util.Map;

import ai.djl.ndarray.types.Shape;
import io.github.imagejgan.image.NoiseLevel;
import io.github.imagejgan.model.ModelDescriptor;

/**
 * Patches for a denoiser with a noise map ({@link io.github.imagejgan.nn.NetworkSpec#noiseMap()}): each input patch
 * gets, as a further channel, the standard deviation of its noise at every pixel's value, estimated from the patch
 * itself ({@link NoiseLevel}) in the values the network sees. Prediction estimates it the same way from the whole
 * image; training on the estimate rather than on the noise the degradation drew teaches the network how far the
 * estimate can be trusted (texture counted as noise, a small patch's scatter).
 */
final class NoiseMapPatches implements PatchSource {

    private final PatchSource patches;

    NoiseMapPatches(PatchSource patches) {
        this.patches = patches;
    }

    @Override
    public PatchBatch batch(long step) {
        return withNoiseMap(patches.batch(step));
    }

    /** The batch with the noise map of each input's first channel added as its last channel. */
    static PatchBatch withNoiseMap(PatchBatch batch) {
        Shape s = batch.inputShape();
        int n = (int) s.get(0);
        int channels = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int plane = w * h;
        float[] input = batch.input();
        float[] out = new float[n * (channels + 1) * plane];
        float[] first = new float[plane];
        for (int b = 0; b < n; b++) {
            int from = b * channels * plane;
            int to = b * (channels + 1) * plane;
            System.arraycopy(input, from, out, to, channels * plane);
            System.arraycopy(input, from, first, 0, plane);
            NoiseLevel noise = NoiseLevel.estimate(first, w, h);
            int map = to + channels * plane;
            for (int i = 0; i < plane; i++) {
                out[map + i] = noise.sigma(first[i]);
            }
        }
        return new PatchBatch(out, new Shape(n, channels + 1, h, w), batch.target(), batch.targetShape(),
                batch.lossWeights());
    }

    @Override
    public int inputChannels() {
        return patches.inputChannels() + 1;
    }

    @Override
    public int targetChannels() {
        return patches.targetChannels();
    }

    @Override
    public String description() {
        return patches.description();
    }

    @Override
    public ModelDescriptor.Normalization normalization() {
        return patches.normalization();
    }

    @Override
    public double sliceSpacing() {
        return patches.sliceSpacing();
    }

    @Override
    public Map<String, Object> degradation() {
        return patches.degradation();
    }
}
