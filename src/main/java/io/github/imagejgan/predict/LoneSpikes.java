package io.github.imagejgan.predict;

import java.util.Arrays;
import java.util.List;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.Mirror;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A camera's hot and dead pixels: single pixels far above (or below) all eight neighbours, where those neighbours lie
 * at the level of the pixels around them. Denoise replaces each by the median of its neighbours before the network
 * sees the image.
 *
 * <p>Why: a denoising network must keep a lone bright pixel, as it would a star or a punctum, so it keeps a hot pixel
 * too; with a hot pixel in every thousand the real test images came out 0.02 to 3.7 dB below the best classical
 * filter on average (Poisson noise of 20 and 100 photons, Gaussian noise of 5 %), a smooth microscopy image 9 to 12 dB
 * below it. Seen through any optics, a real point lifts its neighbours above the pixels around them; a hot pixel does
 * not.
 *
 * <p>A pixel is taken for a spike where it lies more than {@value #SIGMAS} noise standard deviations and more than
 * {@value #RANGE_SHARE} of the plane's range (its 1st to 99.8th percentile) beyond every one of its eight neighbours,
 * while they lie within {@value #NEIGHBOUR_SPREAD} standard deviations of each other and their mean within
 * {@value #NEIGHBOUR_SIGMAS} of the median of the sixteen pixels around them (the noise's standard deviation at that
 * median, from the image's own noise estimate, {@link NoiseCeiling}). On the real test images without hot pixels, at
 * sixteen noise levels (Poisson 1 to 1000 photons, Gaussian 0.5 to 20 % and Rician 1 to 20 % of the range), at most
 * 3 pixels of an image were taken for spikes, most images none: lone pixels of the images' own, which some of those
 * files hold.
 */
final class LoneSpikes {

    /** How many noise standard deviations a spike lies beyond every neighbour. */
    static final double SIGMAS = 6;

    /** How far beyond every neighbour a spike lies, as a share of the image's range. */
    static final double RANGE_SHARE = 0.25;

    /** How close the neighbours' mean lies to the level around them, in noise standard deviations. */
    static final double NEIGHBOUR_SIGMAS = 2.1;

    /**
     * How far apart the neighbours lie at most, in noise standard deviations: eight samples of noise alone lie
     * within 5.5 of each other 997 times in 1000, while an edge or texture beside a bright pixel of an image's own
     * spreads them.
     */
    static final double NEIGHBOUR_SPREAD = 5.5;

    private static final int[][] NEIGHBOURS = { { -1, -1 }, { 0, -1 }, { 1, -1 }, { -1, 0 }, { 1, 0 }, { -1, 1 },
            { 0, 1 }, { 1, 1 } };

    private LoneSpikes() {
    }

    /**
     * Most pixels an image may hold for its spikes to be replaced: the replacement is a 32-bit copy of the image, which
     * would more than double the memory of a large stack (256 MB here).
     */
    static final long MAX_PIXELS = 1L << 26;

    /**
     * An image with its spikes replaced, and how many there were (the image itself where there were none, or where
     * it was too large to be {@code searched}).
     */
    record Removed(HyperImage<?> image, long count, boolean searched) {
    }

    /** {@code image} with the spikes of every plane replaced by the median of their neighbours. */
    static Removed removed(HyperImage<?> image) {
        return removed(image, MAX_PIXELS);
    }

    /** {@link #removed(HyperImage)} for images of at most {@code maxPixels} pixels; larger ones are passed on. */
    static Removed removed(HyperImage<?> image, long maxPixels) {
        if ((long) image.width() * image.height() * image.channels() * image.slices() * image.frames() > maxPixels) {
            return new Removed(image, 0, false);
        }
        HyperImage<FloatType> copy = null;
        List<PlaneAccess> copyPlanes = null;
        long count = 0;
        List<PlaneAccess> planes = image.allPlanes();
        for (int i = 0; i < planes.size(); i++) {
            float[] plane = PlaneAccesses.read(planes.get(i));
            int found = replace(plane, image.width(), image.height());
            if (found > 0 && copy == null) {
                copy = HyperImage.createFloat(image.width(), image.height(), image.channels(), image.slices(),
                        image.frames(), image.metadata());
                copyPlanes = copy.allPlanes();
                for (int j = 0; j < i; j++) {
                    PlaneAccesses.write(copyPlanes.get(j), PlaneAccesses.read(planes.get(j)));
                }
            }
            if (copyPlanes != null) {
                PlaneAccesses.write(copyPlanes.get(i), plane);
            }
            count += found;
        }
        return new Removed(copy == null ? image : copy, count, true);
    }

    /**
     * Replaces the spikes of {@code plane} by the median of their eight neighbours, each judged on the plane as it
     * was; returns how many. A plane too small for a noise estimate is left as it is.
     */
    static int replace(float[] plane, int width, int height) {
        if (width < 5 || height < 5) {
            return 0;
        }
        // NB: each block's brightness is its own mean: the noise averages out over its 64 pixels.
        NoiseCeiling.Estimate estimate = NoiseCeiling.estimate(plane, plane, width, height);
        if (estimate == null) {
            return 0;
        }
        double least = RANGE_SHARE * range(plane, width, height);
        if (!(least > 0)) {
            return 0;
        }
        float[] original = plane.clone();
        float[] neighbours = new float[NEIGHBOURS.length];
        float[] ring = new float[16];
        int count = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float centre = original[y * width + x];
                // NB: a spike lies beyond every neighbour, so one neighbour close to it rules it out, as for nearly
                // every pixel; the rest is read only for the few left.
                if (Math.abs(centre - at(original, width, height, x - 1, y)) <= least) {
                    continue;
                }
                float max = Float.NEGATIVE_INFINITY;
                float min = Float.POSITIVE_INFINITY;
                double sum = 0;
                for (int k = 0; k < NEIGHBOURS.length; k++) {
                    float v = at(original, width, height, x + NEIGHBOURS[k][0], y + NEIGHBOURS[k][1]);
                    neighbours[k] = v;
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                    sum += v;
                }
                double above = centre - max;
                double below = min - centre;
                if (above <= least && below <= least) {
                    continue;
                }
                int n = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        if (Math.max(Math.abs(dx), Math.abs(dy)) == 2) {
                            ring[n++] = at(original, width, height, x + dx, y + dy);
                        }
                    }
                }
                double level = median(ring);
                double sigma = Math.sqrt(estimate.line().variance(level));
                if (Math.max(above, below) > SIGMAS * sigma
                        && Math.abs(sum / NEIGHBOURS.length - level) < NEIGHBOUR_SIGMAS * sigma
                        && max - min < NEIGHBOUR_SPREAD * sigma) {
                    plane[y * width + x] = (float) median(neighbours);
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * The plane's 1st to 99.8th percentile, read from every pixel of at most 512 x 512 evenly spaced rows and columns:
     * a share of it is all the range decides, and sorting every pixel of a large image took longer than the rest.
     */
    private static double range(float[] plane, int width, int height) {
        int stride = Math.max(1, (int) Math.ceil(Math.max(width, height) / 512.0));
        float[] sample = new float[((width + stride - 1) / stride) * ((height + stride - 1) / stride)];
        int n = 0;
        for (int y = 0; y < height; y += stride) {
            for (int x = 0; x < width; x += stride) {
                sample[n++] = plane[y * width + x];
            }
        }
        Arrays.sort(sample, 0, n);
        return sample[(int) Math.round(0.998 * (n - 1))] - sample[(int) Math.round(0.01 * (n - 1))];
    }

    /** The pixel at (x, y), mirrored at the plane's edges. */
    private static float at(float[] plane, int width, int height, int x, int y) {
        return plane[Mirror.reflect(y, height) * width + Mirror.reflect(x, width)];
    }

    /** The median of {@code values} (the mean of the middle two for an even count); sorts them. */
    private static double median(float[] values) {
        Arrays.sort(values);
        int m = values.length / 2;
        return values.length % 2 == 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
    }
}
