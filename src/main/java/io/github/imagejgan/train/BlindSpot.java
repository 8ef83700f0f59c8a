package io.github.imagejgan.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The blind-spot masking of self-supervised denoising (Noise2Void, Krull et al. 2019; Noise2Self, Batson and Royer
 * 2019): a few percent of the pixels of a noisy patch are replaced by the median of their neighbours, and the loss is
 * taken on those pixels only. A pixel's noise then cannot be learned from the pixel itself, only the signal its
 * neighbours share; as long as the noise of neighbouring pixels is independent, the network learns to denoise.
 *
 * <p>Blind spots are drawn one per cell of a grid (stratified, as Noise2Void does), so that they cover the patch
 * evenly. The median of the 5x5 neighbourhood without its centre (and without other hidden pixels) replaces each of
 * them: N2V2 (Höck et al. 2022) found that this, unlike copying one random neighbour, avoids checkerboard artefacts.
 *
 * <p>Noise correlated along one axis (line-wise readout of sCMOS cameras, streaks of reconstructed CT) would let the
 * neighbours on that axis give the masked pixel's noise away. With a structured mask (structN2V, Broaddus et al.
 * 2020) the pixels up to {@code length} away along {@code axis} are replaced too, by pixel values drawn at random
 * from elsewhere in the patch; the loss stays on the centre pixels.
 *
 * @param fraction share of the pixels masked, 0.001 to 0.2
 * @param axis     'x' or 'y' for a structured mask, 0 for none
 * @param length   pixels masked on each side along {@code axis} (0 without a structured mask)
 */
public record BlindSpot(double fraction, char axis, int length) implements SelfSupervision {

    /**
     * About five pixels in a hundred: one per 4x4 cell (6.25 %), three times the loss pixels of Noise2Void's usual
     * 2 % (one per 7x7 cell) at the same cost per step, which at 8000 steps gave 0.2 dB more on ten real images
     * (models/self-supervised.md).
     */
    public static final double DEFAULT_FRACTION = 0.05;

    /** The longest structured mask, in pixels on each side. */
    public static final int MAX_LENGTH = 8;

    /** Neighbourhood radius of the median that replaces a masked pixel. */
    private static final int RADIUS = 2;

    public static final BlindSpot DEFAULT = new BlindSpot(DEFAULT_FRACTION, (char) 0, 0);

    /** The scheme's type in model packages. */
    public static final String TYPE = "blind-spot";

    public BlindSpot {
        if (!(fraction >= 0.001 && fraction <= 0.2)) {
            throw new TrainingSettingsException("Blind-spot fraction " + fraction + " is out of range: choose 0.001 "
                    + "to 0.2 (0.05 masks one pixel in each 4x4 cell).");
        }
        if (axis != 0 && axis != 'x' && axis != 'y') {
            throw new TrainingSettingsException("The structured mask runs along x or y, not '" + axis + "'.");
        }
        if (axis == 0 ? length != 0 : length < 1 || length > MAX_LENGTH) {
            throw new TrainingSettingsException("A structured mask masks 1 to " + MAX_LENGTH + " pixels on each side "
                    + "along its axis, got " + length + ".");
        }
    }

    /**
     * The masking a short text names: {@code fraction=0.05} and optionally {@code struct=x:2} (two pixels on each side
     * along x), separated by commas; null or blank is the default.
     *
     * @throws TrainingSettingsException naming what is wrong
     */
    public static BlindSpot parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULT;
        }
        double fraction = DEFAULT_FRACTION;
        char axis = 0;
        int length = 0;
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            String value = kv.length == 2 ? kv[1].trim().toLowerCase(Locale.ROOT) : "";
            try {
                switch (key) {
                    case "fraction" -> fraction = Double.parseDouble(value);
                    case "struct" -> {
                        if (!value.equals("none")) {
                            String[] al = value.split(":", 2);
                            axis = al[0].length() == 1 ? al[0].charAt(0) : '?';
                            length = al.length == 2 ? Integer.parseInt(al[1]) : 1;
                        }
                    }
                    default -> throw new TrainingSettingsException("Unknown blind-spot setting '" + key + "' in '"
                            + spec + "': use fraction=F and struct=x:N or struct=y:N.");
                }
            } catch (NumberFormatException e) {
                throw new TrainingSettingsException("Blind-spot setting '" + part.trim() + "' needs a number.");
            }
        }
        return new BlindSpot(fraction, axis, length);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The text {@link #parse} reads back. */
    @Override
    public String spec() {
        String base = String.format(Locale.ROOT, "fraction=%s", fraction);
        return axis == 0 ? base : base + ",struct=" + axis + ":" + length;
    }

    /** Side of the grid cells that each hold one blind spot. */
    int cell() {
        return Math.max(1, (int) Math.round(Math.sqrt(1 / fraction)));
    }

    /**
     * Masks one {@code size} x {@code size} plane of {@code input} in place, starting at {@code offset}, and marks
     * the blind spots with 1 in {@code weights} at the same positions. {@code input} must still hold the unmasked
     * values when this is called. Every replacement is computed from pixels that stay unmasked, so the masked plane
     * carries nothing of the values it hides.
     */
    void mask(float[] input, int offset, int size, float[] weights, SplittableRandom random) {
        float[] original = Arrays.copyOfRange(input, offset, offset + size * size);
        boolean[] hidden = new boolean[size * size];
        int cell = cell();
        int[] spots = new int[((size + cell - 1) / cell) * ((size + cell - 1) / cell)];
        int count = 0;
        for (int cy = 0; cy < size; cy += cell) {
            for (int cx = 0; cx < size; cx += cell) {
                int y = cy + random.nextInt(Math.min(cell, size - cy));
                int x = cx + random.nextInt(Math.min(cell, size - cx));
                spots[count++] = y * size + x;
                hidden[y * size + x] = true;
                for (int d = -length; d <= length; d++) {
                    int sx = axis == 'x' ? x + d : x;
                    int sy = axis == 'y' ? y + d : y;
                    if (sx >= 0 && sy >= 0 && sx < size && sy < size) {
                        hidden[sy * size + sx] = true;
                    }
                }
            }
        }
        float[] neighbours = new float[(2 * RADIUS + 1) * (2 * RADIUS + 1)];
        for (int i = 0; i < size * size; i++) {
            if (hidden[i]) {
                input[offset + i] = visibleValue(original, hidden, random);
            }
        }
        for (int k = 0; k < count; k++) {
            int spot = spots[k];
            float median = neighbourMedian(original, hidden, size, spot % size, spot / size, neighbours);
            input[offset + spot] = Float.isNaN(median) ? visibleValue(original, hidden, random) : median;
            weights[offset + spot] = 1;
        }
    }

    /** The value of a pixel drawn at random among those not hidden (fills the structured mask's lines). */
    private static float visibleValue(float[] plane, boolean[] hidden, SplittableRandom random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int i = random.nextInt(plane.length);
            if (!hidden[i]) {
                return plane[i];
            }
        }
        return 0;
    }

    /**
     * Median of the visible pixels around (x, y) within {@link #RADIUS}; NaN if every one of them is hidden (only
     * possible in patches smaller than a cell).
     */
    private static float neighbourMedian(float[] plane, boolean[] hidden, int size, int x, int y, float[] scratch) {
        int n = 0;
        for (int dy = -RADIUS; dy <= RADIUS; dy++) {
            for (int dx = -RADIUS; dx <= RADIUS; dx++) {
                int sx = x + dx;
                int sy = y + dy;
                if (sx >= 0 && sy >= 0 && sx < size && sy < size && !hidden[sy * size + sx]) {
                    scratch[n++] = plane[sy * size + sx];
                }
            }
        }
        if (n == 0) {
            return Float.NaN;
        }
        Arrays.sort(scratch, 0, n);
        return n % 2 == 1 ? scratch[n / 2] : 0.5f * (scratch[n / 2 - 1] + scratch[n / 2]);
    }
}
