package io.github.imagejgan.predict;

import java.util.Arrays;
import java.util.List;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.Mirror;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A camera's hot and dead pixels: single pixels, or two side by side, far above (or below) all the pixels that touch
 * them, where those lie at the level of the pixels around them. Denoise replaces each by the median of its other
 * neighbours before the network sees the image.
 *
 * <p>Why: a denoising network must keep a lone bright pixel, as it would a star or a punctum, so it keeps a hot pixel
 * too; with a hot pixel in every thousand the real test images came out 0.02 to 3.7 dB below the best classical
 * filter on average (Poisson noise of 20 and 100 photons, Gaussian noise of 5 %), a smooth microscopy image 9 to 12 dB
 * below it. Seen through any optics, a real point lifts its neighbours above the pixels around them; a hot pixel does
 * not.
 *
 * <p>A pixel is taken for a spike where it lies more than {@value #SIGMAS} noise standard deviations and more than
 * {@value #RANGE_SHARE} of the plane's range (its 1st to 99.8th percentile after a 3 x 3 median) beyond every one of
 * its eight neighbours, while they lie within {@value #NEIGHBOUR_SPREAD} standard deviations of each other and their
 * mean within {@value #NEIGHBOUR_SIGMAS} of the median of the sixteen pixels around them (the noise's standard
 * deviation at that median, from the image's own noise estimate, {@link NoiseCeiling}). Two neighbouring pixels are
 * taken together in the same way, with the ten or twelve pixels that touch them and the ring around those, both lying
 * more than {@value #PAIR_RANGE_SHARE} of the range beyond them. On the real test images without hot pixels, at sixteen
 * noise levels (Poisson 1 to 1000 photons, Gaussian 0.5 to 20 % and Rician 1 to 20 % of the range), at most 3 pixels of
 * an image were taken for spikes, most images none: lone pixels and pairs of the images' own, which some of those files
 * hold.
 */
final class LoneSpikes {

    /** How many noise standard deviations a spike lies beyond every neighbour. */
    static final double SIGMAS = 6;

    /** How far beyond every neighbour a spike lies, as a share of the image's range. */
    static final double RANGE_SHARE = 0.25;

    /**
     * How far beyond every pixel around them both pixels of a pair lie, as a share of the image's range: two defects
     * side by side are rarer than one, and an image's own specks come in twos too (a highlight in a photograph, 0.26
     * of its range above the pixels around it).
     */
    static final double PAIR_RANGE_SHARE = 0.4;

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
     * Replaces the spikes of {@code plane} (lone pixels and pairs of neighbouring ones) by the median of their other
     * neighbours, each judged on the plane as it was; returns how many pixels. A plane too small for a noise estimate
     * is left as it is.
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
        Cluster cluster = new Cluster(original, width, height);
        int count = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float centre = original[y * width + x];
                // NB: a spike lies beyond every neighbour but its partner, which lies right of it or below it (the
                // pair is judged from the first of its two pixels), so a left neighbour close to it rules it out,
                // as for nearly every pixel; the rest is read only for the few left.
                if (Math.abs(centre - at(original, width, height, x - 1, y)) <= least) {
                    continue;
                }
                // NB: the second pixel of a pair found is never found again: alone, its neighbours hold its partner,
                // which lies beyond the others by more than their spread may be; as a pair, it is judged from the
                // first.
                count += cluster.find(x, y, least, estimate.line(), plane);
            }
        }
        return count;
    }

    /**
     * One pixel, or two neighbouring ones, beyond the pixels around them, with the ring of pixels that touch them and
     * the ring around that: the lone pixel's eight neighbours and sixteen pixels beyond those, a pair's ten or twelve
     * and their outer ring.
     *
     * <p>Why pairs: among a camera's defective pixels some lie side by side, one in every hundred and twenty-five at
     * a density of 0.1 %, more where there are more, and each of the two has a bright neighbour, so a test for lone
     * pixels keeps both: two such pairs left a smooth image 2.3 dB below a median filter.
     */
    private static final class Cluster {

        private final float[] original;
        private final int width;
        private final int height;
        private final int[] xs = new int[2];
        private final int[] ys = new int[2];
        private int size;
        private final float[] ring = new float[12];
        private int ringSize;
        private final float[] outer = new float[20];
        private int outerSize;
        private final float[] own = new float[8];

        Cluster(float[] original, int width, int height) {
            this.original = original;
            this.width = width;
            this.height = height;
        }

        /**
         * Replaces the pixel at (x, y) in {@code plane} where it is a spike, with its one neighbour beyond the others
         * where that one lies right of it or below it and the two are a spike together, else alone; returns how many
         * pixels it replaced.
         */
        int find(int x, int y, double least, NoiseCeiling.Line noise, float[] plane) {
            float centre = original[y * width + x];
            float max = Float.NEGATIVE_INFINITY;
            float secondMax = Float.NEGATIVE_INFINITY;
            float min = Float.POSITIVE_INFINITY;
            float secondMin = Float.POSITIVE_INFINITY;
            int maxAt = -1;
            int minAt = -1;
            for (int k = 0; k < NEIGHBOURS.length; k++) {
                float v = at(original, width, height, x + NEIGHBOURS[k][0], y + NEIGHBOURS[k][1]);
                if (v > max) {
                    secondMax = max;
                    max = v;
                    maxAt = k;
                } else if (v > secondMax) {
                    secondMax = v;
                }
                if (v < min) {
                    secondMin = min;
                    min = v;
                    minAt = k;
                } else if (v < secondMin) {
                    secondMin = v;
                }
            }
            int side = centre - secondMax > least ? 1 : secondMin - centre > least ? -1 : 0;
            if (side == 0) {
                return 0;
            }
            int partner = side > 0 ? maxAt : minAt;
            boolean partnerBeyond = side > 0 ? max - secondMax > least : secondMin - min > least;
            if (partnerBeyond && follows(partner, x, y)) {
                start(x, y);
                add(x + NEIGHBOURS[partner][0], y + NEIGHBOURS[partner][1]);
                if (isSpike(side, least, noise)) {
                    return replaceIn(plane);
                }
            }
            // NB: a noisy neighbour can lie beyond the others by chance; the pixel may still be a spike alone.
            boolean alone = side > 0 ? centre - max > least : min - centre > least;
            start(x, y);
            return alone && isSpike(side, least, noise) ? replaceIn(plane) : 0;
        }

        private void start(int x, int y) {
            xs[0] = x;
            ys[0] = y;
            size = 1;
        }

        /**
         * Whether neighbour {@code k} of (x, y) comes after it in the plane (right of it or in a row below) and lies
         * inside it: a pair is judged once, from its first pixel.
         */
        private boolean follows(int k, int x, int y) {
            int nx = x + NEIGHBOURS[k][0];
            int ny = y + NEIGHBOURS[k][1];
            return (NEIGHBOURS[k][1] > 0 || NEIGHBOURS[k][0] > 0 && NEIGHBOURS[k][1] == 0) && nx >= 0 && nx < width
                    && ny < height;
        }

        private void add(int x, int y) {
            xs[size] = x;
            ys[size] = y;
            size++;
        }

        /** How far (x, y) lies from the cluster, in the larger of its horizontal and vertical steps. */
        private int distance(int x, int y) {
            int d = Integer.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                d = Math.min(d, Math.max(Math.abs(x - xs[i]), Math.abs(y - ys[i])));
            }
            return d;
        }

        /**
         * Whether every pixel of the cluster lies more than {@link #SIGMAS} noise deviations and {@code least} (a
         * pair: {@link #PAIR_RANGE_SHARE} of the range) beyond every pixel of its ring, on {@code side}, while the
         * ring lies within {@link #NEIGHBOUR_SPREAD} deviations of itself and its mean within {@link
         * #NEIGHBOUR_SIGMAS} of the median of the outer ring.
         */
        boolean isSpike(int side, double least, NoiseCeiling.Line noise) {
            ringSize = 0;
            outerSize = 0;
            int x0 = Math.min(xs[0], xs[size - 1]);
            int x1 = Math.max(xs[0], xs[size - 1]);
            int y0 = Math.min(ys[0], ys[size - 1]);
            int y1 = Math.max(ys[0], ys[size - 1]);
            for (int y = y0 - 2; y <= y1 + 2; y++) {
                for (int x = x0 - 2; x <= x1 + 2; x++) {
                    int d = distance(x, y);
                    if (d == 1) {
                        ring[ringSize++] = at(original, width, height, x, y);
                    } else if (d == 2) {
                        outer[outerSize++] = at(original, width, height, x, y);
                    }
                }
            }
            float max = Float.NEGATIVE_INFINITY;
            float min = Float.POSITIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < ringSize; i++) {
                max = Math.max(max, ring[i]);
                min = Math.min(min, ring[i]);
                sum += ring[i];
            }
            double level = median(outer, outerSize);
            double sigma = Math.sqrt(noise.variance(level));
            double beyond = Math.max(size == 1 ? least : least * PAIR_RANGE_SHARE / RANGE_SHARE, SIGMAS * sigma);
            double margin = Double.POSITIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                float v = original[ys[i] * width + xs[i]];
                margin = Math.min(margin, side > 0 ? v - max : min - v);
            }
            if (!(margin > beyond)) {
                return false;
            }
            // NB: in texture the neighbours spread wider than noise alone, and a spike there is kept as the image's
            // own. Taken where it lay three times their spread beyond them, it found 2 to 3 % more of the hot pixels
            // (0.1 % hot, Gaussian 5 %: +0.45 dB) but also a photograph's own lone pixel of 252 among neighbours of 0
            // to 59 at four noise levels more, 1.5 dB on that image where the noise was faint.
            return max - min < NEIGHBOUR_SPREAD * sigma && Math.abs(sum / ringSize - level) < NEIGHBOUR_SIGMAS * sigma;
        }

        /** Writes each pixel of the cluster as the median of its neighbours outside it; returns how many pixels. */
        int replaceIn(float[] plane) {
            for (int i = 0; i < size; i++) {
                int n = 0;
                for (int[] step : NEIGHBOURS) {
                    int x = xs[i] + step[0];
                    int y = ys[i] + step[1];
                    if (distance(x, y) > 0) {
                        own[n++] = at(original, width, height, x, y);
                    }
                }
                plane[ys[i] * width + xs[i]] = (float) median(own, n);
            }
            return size;
        }
    }

    /**
     * The plane's 1st to 99.8th percentile after a 3 x 3 median, read at every pixel of at most 512 x 512 evenly
     * spaced rows and columns: a share of it is all the range decides, and sorting every pixel of a large image took
     * longer than the rest. The median leaves the spikes out: with one pixel in a hundred hot, the plain percentile
     * lay among them, at twice the image's range, and a hot pixel raised by half the range went unseen.
     */
    private static double range(float[] plane, int width, int height) {
        int stride = Math.max(1, (int) Math.ceil(Math.max(width, height) / 512.0));
        float[] sample = new float[((width + stride - 1) / stride) * ((height + stride - 1) / stride)];
        float[] window = new float[9];
        int n = 0;
        for (int y = 0; y < height; y += stride) {
            for (int x = 0; x < width; x += stride) {
                int k = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        window[k++] = at(plane, width, height, x + dx, y + dy);
                    }
                }
                sample[n++] = (float) median(window, 9);
            }
        }
        Arrays.sort(sample, 0, n);
        return sample[(int) Math.round(0.998 * (n - 1))] - sample[(int) Math.round(0.01 * (n - 1))];
    }

    /** The pixel at (x, y), mirrored at the plane's edges. */
    private static float at(float[] plane, int width, int height, int x, int y) {
        return plane[Mirror.reflect(y, height) * width + Mirror.reflect(x, width)];
    }

    /** The median of the first {@code n} {@code values} (the mean of the middle two for an even count); sorts them. */
    private static double median(float[] values, int n) {
        Arrays.sort(values, 0, n);
        int m = n / 2;
        return n % 2 == 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
    }
}
