package io.github.imagejgan.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.model.ModelDescriptor;

/**
 * The axial part of a 3D PSF for models of neighbouring slices (2.5D and volumetric): the clean window of slices,
 * wider than the network's by the blur's reach, is blurred along z with a Gaussian of {@code sigma} slices, cut to the
 * network's window, and then the plane degradation (a lateral blur, noise) acts on each of its slices. The target
 * stays the clean middle slice, so the model learns to undo the blur along z as well as the noise. Written as the
 * first step of a degradation, {@code zblur:sigma=2 + gaussian-blur:sigma=1.5 + poisson-gaussian:...}; it needs
 * {@code --slices}, since a single plane has no z.
 */
final class AxialBlurWindow implements PatchDegradation {

    /** The step's name in a degradation specification. */
    static final String TYPE = "zblur";

    /** Largest axial sigma in slices: the window grows by three sigmas on each side. */
    static final double MAX_SIGMA = 8;

    private final double sigma;
    private final int halo;
    private final int reach;
    private final PatchDegradation planes;
    /** Per slice of the network's window, per offset in the blur's reach: the wide window's channel. */
    private final int[][] sources;
    private final float[] weights;

    /**
     * @param sigma  Gaussian sigma along z, in slices
     * @param halo   the network's neighbouring slices on each side
     * @param planes what then happens to each slice of the network's window
     */
    AxialBlurWindow(double sigma, int halo, PatchDegradation planes) {
        this.sigma = sigma;
        this.halo = halo;
        this.reach = reach(sigma);
        this.planes = planes;
        int[] wide = ModelDescriptor.Tiling.sliceOffsets(halo + reach);
        int[] narrow = ModelDescriptor.Tiling.sliceOffsets(halo);
        sources = new int[narrow.length][2 * reach + 1];
        for (int k = 0; k < narrow.length; k++) {
            for (int d = -reach; d <= reach; d++) {
                sources[k][d + reach] = indexOf(wide, narrow[k] + d);
            }
        }
        weights = new float[2 * reach + 1];
        double sum = 0;
        for (int d = -reach; d <= reach; d++) {
            sum += Math.exp(-d * d / (2 * sigma * sigma));
        }
        for (int d = -reach; d <= reach; d++) {
            weights[d + reach] = (float) (Math.exp(-d * d / (2 * sigma * sigma)) / sum);
        }
    }

    /** Slices on each side that the blur reaches: three sigmas, rounded up. */
    static int reach(double sigma) {
        return (int) Math.ceil(3 * sigma);
    }

    private static int indexOf(int[] offsets, int offset) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] == offset) {
                return i;
            }
        }
        throw new IllegalStateException("No slice at offset " + offset);
    }

    /**
     * The axial sigma of a specification that starts with a {@code zblur} step, and the rest of it (the plane
     * degradation); sigma 0 and the whole specification when it does not.
     *
     * @throws TrainingSettingsException for a malformed or out-of-range step, or one that is not the first
     */
    static Split split(String specification) {
        String spec = specification == null ? "" : specification.trim();
        int zblur = spec.toLowerCase(Locale.ROOT).indexOf(TYPE + ":");
        if (zblur < 0) {
            return new Split(0, specification);
        }
        int plus = spec.indexOf('+');
        if (zblur != 0 || plus < 0 || spec.contains("|")) {
            throw new TrainingSettingsException("The axial blur comes first and once, followed by what happens to "
                    + "each slice: zblur:sigma=2 + poisson-gaussian:photonsPerUnit=0.1 (no alternatives with '|').");
        }
        String step = spec.substring(TYPE.length() + 1, plus).trim();
        double sigma;
        try {
            if (!step.startsWith("sigma=")) {
                throw new NumberFormatException(step);
            }
            sigma = Double.parseDouble(step.substring("sigma=".length()).trim());
        } catch (NumberFormatException e) {
            throw new TrainingSettingsException("zblur takes one setting, sigma=S (the Gaussian's sigma along z in "
                    + "slices), got '" + step + "'.");
        }
        if (!(sigma > 0 && sigma <= MAX_SIGMA)) {
            throw new TrainingSettingsException("zblur's sigma is a number of slices above 0 and at most " + MAX_SIGMA
                    + ", got " + sigma + ".");
        }
        return new Split(sigma, spec.substring(plus + 1).trim());
    }

    /** A specification's axial sigma (0: none) and its plane degradation. */
    record Split(double sigma, String planes) {
    }

    /** The window of slices on each side the data must hold: the network's and the blur's reach. */
    int dataHalo() {
        return halo + reach;
    }

    @Override
    public float[] degrade(float[] clean, int channels, int size, long seed) {
        if (channels != 2 * dataHalo() + 1) {
            throw new IllegalStateException("Expected windows of " + (2 * dataHalo() + 1) + " slices, got "
                    + channels);
        }
        int plane = size * size;
        float[] blurred = new float[sources.length * plane];
        for (int k = 0; k < sources.length; k++) {
            for (int d = 0; d < weights.length; d++) {
                int from = sources[k][d] * plane;
                float w = weights[d];
                for (int i = 0; i < plane; i++) {
                    blurred[k * plane + i] += w * clean[from + i];
                }
            }
        }
        return planes.degrade(blurred, sources.length, size, seed);
    }

    @Override
    public LinearMap inputNormalization(float[] pixels, long seed, LinearMap clean) {
        return planes.inputNormalization(pixels, seed, clean);
    }

    @Override
    public int inputSize(int size) {
        return planes.inputSize(size);
    }

    @Override
    public int inputChannels(int channels) {
        return planes.inputChannels(2 * halo + 1);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("sigma", sigma);
        d.put("then", planes.describe());
        return d;
    }
}
