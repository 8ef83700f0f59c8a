package io.github.imagejgan.train;

import java.util.Arrays;
import java.util.Map;

import io.github.imagejgan.degrade.Degradation;
import io.github.imagejgan.degrade.Degraded;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.task.UserException;

/**
 * A {@link Degradation} of single planes applied to every channel of a training patch: one draw of its random
 * settings (noise level, blur, which alternative) for the whole patch, and independent noise in each channel, as one
 * exposure records the channels of an image or the neighbouring slices of a stack. When the degradation removes
 * pixels, all channels share one seed so that they lose the same pixels, and the mask is appended as an extra
 * channel, the input an inpainting network expects.
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
            throw new UserException("Degradations must keep patches square");
        }
        this.outputSize = probe.width();
        this.masks = probe.missing().isPresent();
    }

    @Override
    public float[] degrade(float[] clean, int channels, int size, long seed) {
        if (size != patch) {
            throw new UserException("Made for " + patch + "-pixel patches, got " + size);
        }
        int plane = size * size;
        int outPlane = outputSize * outputSize;
        float[] out = new float[inputChannels(channels) * outPlane];
        for (int c = 0; c < channels; c++) {
            float[] channel = Arrays.copyOfRange(clean, c * plane, (c + 1) * plane);
            // NB: the settings seed is channel 0's own, so that single-channel patches degrade as they always did.
            Degraded d = degradation.apply(channel, size, size, channelSeed(seed, 0), channelSeed(seed, c));
            if (d.width() != outputSize || d.height() != outputSize) {
                throw new UserException("The degradation gave a " + d.width() + "x" + d.height()
                        + " patch where an earlier one was " + outputSize + "x" + outputSize
                        + ": alternatives must give images of one size.");
            }
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

    /**
     * Degrades the pixel sample, laid out as a square image, with the patch's seed (so with the same drawn noise
     * level) and takes its percentiles. Where the degradation changes the size (super-resolution) the clean
     * normalization is kept: blur and downsampling barely move the percentiles. The wider of the clean and the
     * degraded range is used, since a sample of scattered pixels overstates what a blur removes.
     */
    @Override
    public LinearMap inputNormalization(float[] pixels, long seed, LinearMap clean) {
        int side = (int) Math.sqrt(pixels.length);
        if (outputSize != patch || side < 8) {
            return clean;
        }
        float[] square = Arrays.copyOf(pixels, side * side);
        float[] degraded = degradation.apply(square, side, side, channelSeed(seed, 0)).image();
        float[] sorted = degraded.clone();
        Arrays.sort(sorted);
        double low = sorted[(int) Math.floor(PercentileNormalizer.DEFAULT.lowPercent() / 100 * (sorted.length - 1))];
        double high = sorted[(int) Math.ceil(PercentileNormalizer.DEFAULT.highPercent() / 100 * (sorted.length - 1))];
        LinearMap inverse = clean.inverse();
        low = Math.min(low, inverse.apply(0f));
        high = Math.max(high, inverse.apply(1f));
        return high > low ? new IntensityRange(low, high).normalizing() : clean;
    }

    private long channelSeed(long seed, int channel) {
        return masks ? seed : Seeds.derive(seed, channel);
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
