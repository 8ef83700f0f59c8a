package io.github.imagejgan.train;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import io.github.imagejgan.train.degrade.Degradation;
import io.github.imagejgan.train.degrade.Degraded;
import io.github.imagejgan.train.degrade.Seeds;

/**
 * A {@link Degradation} of single planes applied to every channel of a training patch, each channel with its own
 * seed (independent noise). When the degradation removes pixels, all channels share one seed so that they lose the
 * same pixels, and the mask is appended as an extra channel, the input an inpainting network expects.
 */
final class PlaneDegradation implements PatchDegradation {

    private final Degradation degradation;
    private final int outputSize;
    private final int patch;
    private final boolean masks;

    PlaneDegradation(Degradation degradation, int patch) {
        this.degradation = degradation;
        this.patch = patch;
        // One trial run tells the output size and whether a mask comes out.
        Degraded probe = degradation.apply(new float[patch * patch], patch, patch, 0);
        if (probe.width() != probe.height()) {
            throw new IllegalArgumentException("Degradations must keep patches square");
        }
        this.outputSize = probe.width();
        this.masks = probe.missing().isPresent();
    }

    @Override
    public float[] degrade(float[] clean, int channels, int size, SplittableRandom random) {
        if (size != patch) {
            throw new IllegalArgumentException("Made for " + patch + "-pixel patches, got " + size);
        }
        long seed = random.nextLong();
        int plane = size * size;
        int outPlane = outputSize * outputSize;
        float[] out = new float[inputChannels(channels) * outPlane];
        for (int c = 0; c < channels; c++) {
            float[] channel = Arrays.copyOfRange(clean, c * plane, (c + 1) * plane);
            Degraded d = degradation.apply(channel, size, size, masks ? seed : Seeds.derive(seed, c));
            System.arraycopy(d.image(), 0, out, c * outPlane, outPlane);
            if (masks && c == 0) {
                byte[] mask = d.mask();
                for (int i = 0; i < outPlane; i++) {
                    out[channels * outPlane + i] = mask[i];
                }
            }
        }
        return out;
    }

    @Override
    public int inputSize(int size) {
        return outputSize;
    }

    @Override
    public int inputChannels(int channels) {
        return masks ? channels + 1 : channels;
    }

    @Override
    public Map<String, Object> describe() {
        return degradation.describe();
    }
}
