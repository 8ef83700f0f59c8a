package io.github.imagejgan.predict;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.task.TaskMonitor;

/**
 * The share {@code a} of a network's correction over the noisy image, {@code noisy + a (network - noisy)}, fitted on
 * each image whose noise is spread over neighbouring pixels, by Stein's unbiased risk estimate for correlated noise:
 * {@code a = (sum v - sum v div) / sum (f - y)^2}, as {@link DenoiseStrength} fits it for white noise, with the
 * divergence measured by a probe correlated as the noise is ({@link SpreadNoise#probe}: the mean of {@code c J c}
 * over such probes is the trace of the noise's correlation times the network's Jacobian). A network for spread noise
 * takes fine texture for faint noise; the share gives back what it removed beyond the noise.
 *
 * <p>The noise variance {@code v}, a line through brightness as Poisson noise grows with it, is read from the network's
 * own residual in the flattest fifth of the 8 x 8 blocks of its result at each brightness ({@link #residualLine}), not
 * from second differences as {@link NoiseCeiling} reads white noise:
 * those cancel most of spread noise (99 % of its variance at a spread of 1 pixel), so that any texture in the quiet
 * blocks would swamp it. Where the network leaves the flat blocks as they were, the variance reads 0 and the share
 * falls to the noisy image; the network removes noise there elsewhere. Where even the flattest blocks hold texture,
 * the network removes it too and the residual reads high; where the spread was only suspected, the variance is then
 * held at most at the ceiling that {@link NoiseCeiling} reads over the share of spread noise's variance it reads
 * ({@link SpreadNoise#ceilingFraction}), as that ceiling is an upper bound: faint white noise over a retina's fine
 * vessels ({@code microaneurysms} at 0.5 % of the range, taken for noise spread by 0.55 pixels) got a share of 0.84
 * and lost 10.6 dB without that bound, 0.42 with it.
 */
final class SpreadShare {

    /** The share of blocks, flattest in the network's result, whose residual gives the noise variance. */
    static final double FLAT_SHARE = 0.2;

    /**
     * The least share with which a network for spread noise restores an image whose noise was only suspected to be
     * spread ({@link Fit#confirms}): where it keeps less than half of its correction, what it removes is mostly
     * texture, and the white denoising stands. Measured on the real test images (gain over the best classical filter,
     * mean): Gaussian 0.5 % white noise +1.26 dB without it, +1.61 with it ({@code microaneurysms} from -5.0 to
     * +1.1); noise spread by 0.5 pixels at 2 % -0.83 and -0.72; 5 % and the 0.6-pixel rows unchanged.
     */
    static final double LEAST_SUSPECTED_SHARE = 0.5;

    private SpreadShare() {
    }

    /**
     * A fit: the share, and the correlation of neighbouring second differences in the network's residual over all
     * blocks ({@link NoiseCeiling#RESIDUAL_SPREAD_LIMIT}).
     */
    record Fit(double share, double residualCorrelation) {

        /** Whether the residual says that the noise the network removed is spread over neighbouring pixels. */
        boolean spread() {
            return residualCorrelation > NoiseCeiling.RESIDUAL_SPREAD_LIMIT;
        }

        /**
         * Whether the fit confirms a spread that was only suspected: the residual reads as spread noise and the
         * share is at least {@link #LEAST_SUSPECTED_SHARE}.
         */
        boolean confirms() {
            return spread() && share >= LEAST_SUSPECTED_SHARE;
        }
    }

    /**
     * Fits the share of {@code network} (a denoiser for noise spread by about {@code spread} pixels) on {@code in},
     * and reads how its residual is correlated.
     *
     * @param bounded whether the noise variance is held at most at the noise ceiling over the share of spread noise
     *                it reads: where the spread was only suspected (read from quiet blocks that may hold texture;
     *                {@link NoiseCeiling#SPREAD_SUSPECTED}), so that it lies between 0.45 and 0.6 pixels, where that
     *                share is 0.2 to 0.8. Beyond, the share falls too steeply (0.03 at 0.8 pixels, 0.007 at 1) for a
     *                spread read from texture to bound anything.
     * @param monitor progress in network tiles, {@link DenoiseStrength#tiles} in all
     * @return the share, 0 to 1 (1 where the network changes nothing, or where the noise is not faint: its
     *         deviation {@link DenoiseStrength#FAINT_PERCENT} % of the range or more), and the residual's correlation
     */
    static Fit fit(HyperImage<?> in, ValueMapping.PerPlane mappings, DenoiseStrength.PlaneInputs inputs,
            TiledProcessor processor, TileFunction network, UnaryOperator<List<PlaneAccess>> extraInputs,
            double spread, boolean bounded, TaskMonitor monitor) {
        int channels = in.channels();
        long total = DenoiseStrength.tiles(in, processor);
        long done = 0;
        double variance = 0;
        double divergence = 0;
        double correction = 0;
        double rangeSquares = 0;
        NoiseCeiling.Correlation residuals = new NoiseCeiling.Correlation();
        double ceilingFraction = SpreadNoise.ceilingFraction(spread);
        for (DenoiseStrength.Window window : DenoiseStrength.windows(in)) {
            int w = window.width();
            int h = window.height();
            DenoiseStrength.ProbedWindow probed = DenoiseStrength.ProbedWindow.run(window, inputs.of(window.z(),
                    window.t(), mappings.forPlane(window.z(), window.t())), channels, spread, processor, network,
                    extraInputs, monitor, done, total);
            done += 2 * processor.tileCount(w, h);
            for (int c = 0; c < channels; c++) {
                float[] y = probed.noisy().get(c);
                float[] f = probed.results().get(c);
                float[] fp = probed.probedResults().get(c);
                float[] probe = probed.probes().get(c);
                float[] residual = residual(y, f);
                NoiseCeiling.Line line = residualLine(residual, f, w, h, spread);
                NoiseCeiling.Estimate ceiling = bounded ? NoiseCeiling.estimate(y, f, w, h) : null;
                residuals.addPlane(residual, w, h);
                double range = DenoiseStrength.range(y);
                rangeSquares += range * range * y.length;
                for (int i = 0; i < y.length; i++) {
                    double v = line.variance(f[i]);
                    if (ceiling != null) {
                        v = Math.min(v, ceiling.line().variance(f[i]) / ceilingFraction);
                    }
                    variance += v;
                    divergence += v * probe[i] * (fp[i] - f[i]) / probed.steps()[c];
                    correction += (f[i] - y[i]) * (f[i] - y[i]);
                }
            }
        }
        // NB: as for white noise, only faint noise: where it is strong, a variance a little off costs more than the
        // share can gain (at 5 photons, -1 dB on average against the network alone).
        boolean faint = rangeSquares > 0 && Math.sqrt(variance / rangeSquares) < DenoiseStrength.FAINT_PERCENT / 100.0;
        // NB: a network that removes nothing is no network for this noise: its residual reads as white.
        return new Fit(faint && correction > 0 ? Math.max(0, Math.min(1, (variance - divergence) / correction)) : 1,
                correction > 0 ? residuals.value() : Double.NEGATIVE_INFINITY);
    }

    /**
     * The noise variance as a line through brightness (Poisson noise grows with it), read from the network's
     * {@code residual} ({@link #residual}: the noisy image less its {@code result}): the blocks sorted by the result's
     * brightness into {@link NoiseCeiling#BINS} groups of equal count, in each the median variance about their means
     * of the residual in its {@link #FLAT_SHARE} of
     * blocks where the result varies least, over the share of noise spread by {@code spread} pixels that such a block
     * holds ({@link SpreadNoise#blockFraction}), at those blocks' median brightness; the line through them as
     * {@link NoiseCeiling#fit} draws it. Zero for a plane of fewer blocks than groups.
     */
    static NoiseCeiling.Line residualLine(float[] residual, float[] result, int w, int h, double spread) {
        int side = NoiseCeiling.BLOCK;
        int bw = w / side;
        int bh = h / side;
        int count = bw * bh;
        if (count < NoiseCeiling.BINS) {
            return new NoiseCeiling.Line(0, 0);
        }
        double[] brightness = new double[count];
        double[] flatness = new double[count];
        double[] variances = new double[count];
        for (int b = 0; b < count; b++) {
            brightness[b] = blockMean(result, w, b % bw, b / bw);
            flatness[b] = blockVariance(result, w, b % bw, b / bw);
            variances[b] = blockVariance(residual, w, b % bw, b / bw);
        }
        Integer[] byBrightness = order(brightness);
        double[] xs = new double[NoiseCeiling.BINS];
        double[] vs = new double[NoiseCeiling.BINS];
        double fraction = SpreadNoise.blockFraction(spread);
        for (int k = 0; k < NoiseCeiling.BINS; k++) {
            int from = k * count / NoiseCeiling.BINS;
            int to = (k + 1) * count / NoiseCeiling.BINS;
            Integer[] group = Arrays.copyOfRange(byBrightness, from, to);
            Arrays.sort(group, (a, b) -> Double.compare(flatness[a], flatness[b]));
            int kept = Math.max(1, (int) (FLAT_SHARE * group.length));
            double[] v = new double[kept];
            double[] x = new double[kept];
            for (int i = 0; i < kept; i++) {
                v[i] = variances[group[i]];
                x[i] = brightness[group[i]];
            }
            vs[k] = median(v) / fraction;
            xs[k] = median(x);
        }
        return NoiseCeiling.fit(xs, vs);
    }

    /** What a denoiser removed: {@code noisy - result}. */
    static float[] residual(float[] noisy, float[] result) {
        float[] residual = new float[noisy.length];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = noisy[i] - result[i];
        }
        return residual;
    }

    /**
     * The median variance of {@code values} in 8 x 8 blocks about each block's mean, over all blocks; 0 for a plane
     * smaller than one block.
     */
    static double medianBlockVariance(float[] values, int w, int h) {
        int bw = w / NoiseCeiling.BLOCK;
        int bh = h / NoiseCeiling.BLOCK;
        if (bw * bh == 0) {
            return 0;
        }
        double[] variances = new double[bw * bh];
        for (int b = 0; b < variances.length; b++) {
            variances[b] = blockVariance(values, w, b % bw, b / bw);
        }
        return median(variances);
    }

    /** The indices of {@code values} in the order of their values. */
    private static Integer[] order(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order;
    }

    private static double median(double[] values) {
        return NoiseCeiling.quantile(values.clone(), 0.5);
    }

    /** The mean of block ({@code bx}, {@code by}) of {@code values}. */
    private static double blockMean(float[] values, int w, int bx, int by) {
        int side = NoiseCeiling.BLOCK;
        double sum = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                sum += values[(by * side + y) * w + bx * side + x];
            }
        }
        return sum / (side * side);
    }

    /** The variance of block ({@code bx}, {@code by}) of {@code values} about its mean. */
    private static double blockVariance(float[] values, int w, int bx, int by) {
        int side = NoiseCeiling.BLOCK;
        double[] block = new double[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                block[y * side + x] = values[(by * side + y) * w + bx * side + x];
            }
        }
        return variance(block);
    }

    private static double variance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }
}
