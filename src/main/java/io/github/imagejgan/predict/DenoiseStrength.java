package io.github.imagejgan.predict;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.Percentiles;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.PlaneWindow;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * The strength of a denoising network on one image: how much of its correction over the noisy image the result keeps,
 * fitted on the image, and where the noise allows, a mix with the classical denoiser that the network loses to on
 * some images and with empirical Wiener filters guided by the network:
 * {@code y + a (network - y) + b1 (m1 - y) + b2 (m2 - y) + c1 (w1 - y) + c2 (w2 - y)}, {@code m1} and {@code m2} the
 * non-local means of the noisy image {@code y} ({@link NonLocalMeans#BLENDED}), {@code w1} and {@code w2} the noisy
 * image filtered in DCT blocks of 8 and 16 pixels with the network's result as the pilot
 * ({@link PilotWiener#BLENDED}); then that mix {@code x} refined toward {@code b}, the noisy image filtered by
 * BM3D's second step with {@code x} as the pilot ({@link BlockMatchedWiener#REFINING}): {@code x + g (b - x)}.
 *
 * <p>Why: a blind network guesses the noise level from what it sees, and on a nearly clean image it takes fine
 * texture for noise and removes it: at Gaussian noise of 0.5 % of the range, denoise-general left 9 of 23 real test
 * images below their own noisy input (models/denoise-general.md). And on shapes that repeat (text, silhouettes) or
 * edges over flat regions, non-local means beat it by up to 5 dB (`horse` at 2 % noise). Stein's unbiased risk
 * estimate (SURE) gives the shares that minimize the expected squared error from the image alone, given the noise
 * variance {@code v} of each pixel and each result's divergence (how much it moves with each input pixel): for one
 * share {@code a = (sum v - sum v df/dy) / sum (f - y)^2}, for several the minimum of a quadratic
 * ({@link ConvexShares}: every share at least 0, all together at most 1). The divergence comes from one more pass of
 * the network and the filters over the image plus a small random probe. The variance comes from
 * {@link NoiseCeiling}, which texture can raise but hardly lower; the network's share grows with it, so where texture
 * misleads the estimate the result keeps more of the network's correction. A Wiener filter guided by the network
 * keeps, block by block and frequency by frequency, as much of the noisy image as the network's result shows signal
 * there: where the network smoothed away texture that it still hints at, that texture comes back. Stacks of blocks
 * that look alike in the mix do the same with the signal they share, the noise of each averaged with the others':
 * the share {@code g} is fitted by SURE too, once the mix is known, with the stacks found on the mix held fixed for
 * the probe.
 *
 * <p>Where each part applies:
 * <ul>
 * <li>the mix with non-local means and the Wiener filters where the noise's ceiling is below
 * {@value #MIXED_PERCENT} % of the range, a pixel of median brightness counts at least {@value #MIN_PHOTONS} photons
 * (else Poisson noise is far from Gaussian), and the network keeps less than {@value #KEPT_LIMIT} of each pixel's own
 * value (a network that keeps it judges the noise faint or the detail real, where a filter run at a ceiling that
 * texture raised would smooth detail away);</li>
 * <li>else the network's share alone where the ceiling is below {@value #FAINT_PERCENT} % of the range: at stronger
 * noise that share is right (the best share with the truth gains under 0.05 dB there), and an estimate a few per
 * cent low would cost decibels;</li>
 * <li>neither where the noise is not white ({@link NoiseCeiling.Estimate#white}): SURE, the ceiling and the filters all
 * assume each pixel's noise independent of its neighbours', and on noise blurred by 0.6 to 1 pixel the share moved
 * single test images by -1.0 to +2.3 dB.</li>
 * </ul>
 *
 * <p>Measured with denoise-general's fifth run on the 23 real test images (models/denoise-general.md): over the six
 * noise levels of the table +0.89 dB over the best classical filter on average against +0.61 for the share alone and
 * +0.55 for the network alone, the worst image at Gaussian 2 % from -5.11 to -0.03 dB; on 130 crops of the training
 * content at random noise, +0.24 dB over the share alone, no crop lower by more than 0.03 dB. The Wiener filters in
 * the mix, with the shipped model: see {@link PilotWiener#BLENDED}; the refinement: see
 * {@link BlockMatchedWiener#REFINING}; nothing changes at 5 and 20 photons, where the mix stays out.
 *
 * <p>The fit runs on a window of at most {@value #FITTED_SIDE} x {@value #FITTED_SIDE} pixels at the image's centre
 * (smaller windows, of the same total area, on up to {@value CorrectionStrength#MAX_PLANES} planes of a stack): two
 * network passes over a quarter of a 2048 x 2048 image; the filters join on its central {@value #MIXED_SIDE} x
 * {@value #MIXED_SIDE} pixels.
 */
final class DenoiseStrength {

    /** Noise (the ceiling's standard deviation) below this share of the range, in per cent, is fitted. */
    static final int FAINT_PERCENT = 10;

    /**
     * Noise below this share of the range, in per cent, is fitted with non-local means in the mix: above it the
     * noise is far from Gaussian at the photon counts it means (Poisson noise of a few photons), and the mix lost
     * there.
     */
    static final int MIXED_PERCENT = 25;

    /**
     * Non-local means join the mix only where the network keeps less than this share of each pixel's own value (its
     * divergence over the pixels).
     */
    static final double KEPT_LIMIT = 0.7;

    /**
     * Non-local means join the mix only where a pixel of median brightness counts at least this many photons: below,
     * Poisson noise is far from the Gaussian noise SURE assumes and its variance changes across the image more than
     * one filter strength can follow (on crops of the training content at 5 to 18 photons, with dark backgrounds,
     * the mix lost up to 1.9 dB).
     */
    static final double MIN_PHOTONS = 20;

    /** Side of the square at the windows' centres where non-local means join the fit, at most. */
    static final int MIXED_SIDE = 512;

    /** Side of the square the fitted windows cover together, at most. */
    static final int FITTED_SIDE = 1024;

    /** Smallest window side that is fitted; smaller images keep the whole correction. */
    static final int MIN_SIDE = 32;

    /** The probe's size relative to the window's range: small enough to measure a slope, large against rounding. */
    static final double PROBE = 1e-3;

    private DenoiseStrength() {
    }

    /**
     * Whether the described model's results can be blended with the noisy image: a denoising model that restores as
     * many channels as it is given (2.5D and 3D models: the slice it restores, given first among its neighbours), with
     * the image's own values around it.
     */
    static boolean applies(ModelDescriptor descriptor) {
        return descriptor.task() == ModelTask.DENOISE && !descriptor.normalization().isDeclared()
                && descriptor.imageChannels() == descriptor.outputChannels();
    }

    /**
     * The strength a run of the described model uses: 1 (the network alone) for other tasks and for models it does
     * not apply to, else the given share or {@link PredictionOptions#FITTED_STRENGTH}.
     *
     * @throws UserException for a share other than 1 on a denoising model it does not apply to
     */
    static double chosen(ModelDescriptor descriptor, double strength) {
        return CorrectionStrength.chosen(ModelTask.DENOISE, descriptor, applies(descriptor), strength, "brings its own "
                + "processing of values or restores other channels than it is given; its results cannot be blended "
                + "with the noisy image");
    }

    /**
     * The network's result blended with its input, {@code y + strength (n - y)}, {@code y} the first {@code channels}
     * planes of each batch (the image's channels, or the slice a 2.5D or 3D model restores).
     */
    static TileFunction blend(TileFunction network, int channels, double strength) {
        return CorrectionStrength.blend(network, batch -> CorrectionStrength.imagePlanes(batch, channels), strength);
    }

    /**
     * The network's result mixed as {@code blend} says: {@code y + a (n - y) + sum_k b_k (m_k - y) + sum_k c_k (w_k -
     * y)}, {@code m_k} the non-local means of {@code y} with the filters {@link NonLocalMeans#BLENDED}, {@code w_k} its
     * Wiener filters guided by {@code n} ({@link PilotWiener#BLENDED}), computed tile by tile on the part of each tile
     * that reaches the output and the pixels the filters reach from it. Inner tiles have a halo of context around
     * their kept part; at the image's edges a tile adds {@link io.github.imagejgan.image.AxisTiling#EDGE_CONTEXT}
     * mirrored pixels rounded up to the network's divisor (16 for denoise-general, as far as the filters reach), so
     * the result is the whole image's; with a smaller divisor the 16-pixel Wiener blocks at the image's edge mirror the
     * tile's own edge instead, a slightly different mirror of the same values. The refinement needs the mix as far
     * again ({@link BlockMatchedWiener#reach()}: 46 pixels in all); the shipped denoisers' halos (62 and 130) hold
     * that, and a run as one tile gives what the tiles give. Near the image's edges the refinement sees the mix of
     * the tiles' mirrored context.
     */
    static TileFunction blend(TileFunction network, int channels, Blend blend) {
        if (!blend.filtered()) {
            return blend(network, channels, blend.network());
        }
        return new TileFunction() {
            @Override
            public NDArray apply(NDArray batch) {
                Shape shape = batch.getShape();
                PlaneWindow whole = PlaneWindow.whole((int) shape.get(3), (int) shape.get(2));
                return apply(batch, Collections.nCopies((int) shape.get(0), whole));
            }

            @Override
            public NDArray apply(NDArray batch, List<PlaneWindow> kept) {
                NDArray n = network.apply(batch);
                // NB: the Wiener filters' blocks lie on a grid fixed in tile coordinates; tiles start at multiples of
                // the network's divisor, so where it is a multiple of the blocks' steps (4 and 8; denoise-general's
                // divisor is 16) the grid is the whole image's.
                float[] result = n.toFloatArray();
                float[] noisy = CorrectionStrength.imagePlanes(batch, channels).toFloatArray();
                Shape shape = n.getShape();
                int w = (int) shape.get(3);
                int h = (int) shape.get(2);
                for (int plane = 0; plane < result.length / (w * h); plane++) {
                    PlaneWindow keptPart = kept.get(plane / channels);
                    PlaneWindow part = reach(keptPart, w, h, blend.refined() > 0);
                    Window window = new Window(0, 0, part.x(), part.y(), part.width(), part.height());
                    int from = plane * w * h;
                    float[] y = window.read(PlaneAccesses.floatPlane(noisy, plane, w, h));
                    float[] f = window.read(PlaneAccesses.floatPlane(result, plane, w, h));
                    double variance = blend.variances()[plane % channels];
                    // NB: non-local means cost far more than the Wiener filters; they run only where they count.
                    float[][] filtered = Blend.anyShare(blend.filters())
                            ? NonLocalMeans.apply(y, part.width(), part.height(), variance, NonLocalMeans.BLENDED)
                            : new float[0][];
                    float[][] wieners = new float[PilotWiener.BLENDED.size()][];
                    for (int k = 0; k < wieners.length; k++) {
                        wieners[k] = blend.wieners()[k] > 0 ? PilotWiener.BLENDED.get(k).apply(y, f, part.width(),
                                part.height(), variance, part.x(), part.y()) : y;
                    }
                    float[] mixed = blend.mix(y, f, filtered, wieners);
                    if (blend.refined() > 0) {
                        // NB: only the kept part is refined; the mix around it is the refinement's context.
                        mixed = blend.refine(mixed, BlockMatchedWiener.REFINING.apply(y, mixed, part.width(),
                                part.height(), variance, part.x(), part.y(), new PlaneWindow(keptPart.x() - part.x(),
                                        keptPart.y() - part.y(), keptPart.width(), keptPart.height())));
                    }
                    for (int row = 0; row < part.height(); row++) {
                        System.arraycopy(mixed, row * part.width(), result, from + (part.y() + row) * w + part.x(),
                                part.width());
                    }
                }
                return batch.getManager().create(result, shape);
            }
        };
    }

    /**
     * The kept part of a tile with the pixels the filters reach from it, within the tile: the mix's filters, and
     * where the mix is refined, the refinement's reach beyond them (it needs the mix right that far).
     */
    private static PlaneWindow reach(PlaneWindow kept, int w, int h, boolean refined) {
        int r = Math.max(NonLocalMeans.reach(), PilotWiener.reach())
                + (refined ? BlockMatchedWiener.REFINING.reach() : 0);
        int x0 = Math.max(0, kept.x() - r);
        int y0 = Math.max(0, kept.y() - r);
        return new PlaneWindow(x0, y0, Math.min(w, kept.endX() + r) - x0, Math.min(h, kept.endY() + r) - y0);
    }

    /** The windows fitted on {@code in}: one per fitted plane; empty where the image is too small. */
    static List<Window> windows(HyperImage<?> in) {
        int[] planes = CorrectionStrength.fittedPlanes(in.slices() * in.frames());
        int side = (int) (FITTED_SIDE / Math.sqrt(planes.length));
        int w = Math.min(in.width(), side);
        int h = Math.min(in.height(), side);
        List<Window> windows = new ArrayList<>();
        if (w < MIN_SIDE || h < MIN_SIDE) {
            return windows;
        }
        for (int plane : planes) {
            windows.add(new Window(plane % in.slices(), plane / in.slices(), (in.width() - w) / 2,
                    (in.height() - h) / 2, w, h));
        }
        return windows;
    }

    /** Network tiles the fit of {@code in} runs: two passes over each window. */
    static long tiles(HyperImage<?> in, TiledProcessor processor) {
        long tiles = 0;
        for (Window window : windows(in)) {
            tiles += 2L * processor.tileCount(window.width(), window.height());
        }
        return tiles;
    }

    /** The image planes a network sees for one plane of the image, the planes it restores first. */
    @FunctionalInterface
    interface PlaneInputs {

        List<PlaneAccess> of(int z, int t, ValueMapping mapping);
    }

    /**
     * Fits the strength of {@code network} on {@code in} (all its channels go through the network together).
     *
     * @param inputs      the image planes the network sees for each plane: its channels, or a slice and its neighbours
     * @param extraInputs adds any planes the network takes beside the image's (a noise map)
     * @param monitor     progress in network tiles, {@link #tiles} in all
     * @return the blend; the network alone where the image is too small, its noise is not faint, or the network
     *         changes nothing
     */
    static Blend fit(HyperImage<?> in, ValueMapping.PerPlane mappings, PlaneInputs inputs, TiledProcessor processor,
            TileFunction network, UnaryOperator<List<PlaneAccess>> extraInputs, TaskMonitor monitor) {
        List<Window> windows = windows(in);
        int channels = in.channels();
        Sums sums = new Sums(channels, (int) (MIXED_SIDE / Math.sqrt(Math.max(1, windows.size()))));
        long total = tiles(in, processor);
        long done = 0;
        for (Window window : windows) {
            ValueMapping mapping = mappings.forPlane(window.z(), window.t());
            ProbedWindow probed = ProbedWindow.run(window, inputs.of(window.z(), window.t(), mapping), channels, 0,
                    processor, network, extraInputs, monitor, done, total);
            done += 2 * processor.tileCount(window.width(), window.height());
            for (int c = 0; c < channels; c++) {
                sums.add(c, probed.noisy().get(c), probed.results().get(c), probed.probedResults().get(c),
                        probed.probes().get(c), probed.steps()[c], window.width(), window.height());
            }
        }
        return sums.blend();
    }

    /**
     * One window's planes (its channels, then any neighbouring slices), the network's results for them and for them
     * moved by a small probe of each channel, the probes (Gaussian noise of variance 1 per pixel, spread over
     * neighbouring pixels as {@link SpreadNoise#probe} spreads it) and the probes' steps: what Stein's unbiased risk
     * estimate needs of a window.
     */
    record ProbedWindow(List<float[]> noisy, List<float[]> results, List<float[]> probedResults,
            List<float[]> probes, double[] steps) {

        /**
         * Runs {@code network} over {@code window} of {@code planes} and over the same moved by a probe spread over
         * {@code spread} pixels (0: white), reporting to {@code monitor} from {@code done} of {@code total} tiles.
         */
        static ProbedWindow run(Window window, List<PlaneAccess> planes, int channels, double spread,
                TiledProcessor processor, TileFunction network, UnaryOperator<List<PlaneAccess>> extraInputs,
                TaskMonitor monitor, long done, long total) {
            int w = window.width();
            int h = window.height();
            List<float[]> noisy = new ArrayList<>();
            List<float[]> probed = new ArrayList<>();
            List<float[]> probes = new ArrayList<>();
            double[] steps = new double[channels];
            Random random = new Random(1L + window.z() + 31L * window.t());
            for (int c = 0; c < planes.size(); c++) {
                float[] y = window.read(planes.get(c));
                noisy.add(y);
                if (c >= channels) {
                    // NB: neighbouring slices: the divergence that SURE needs is that of each pixel's own value.
                    probed.add(y);
                    continue;
                }
                float[] probe = SpreadNoise.probe(w, h, spread, random);
                steps[c] = PROBE * Math.max(range(y), Float.MIN_NORMAL);
                float[] moved = new float[y.length];
                for (int i = 0; i < y.length; i++) {
                    moved[i] = (float) (y[i] + steps[c] * probe[i]);
                }
                probes.add(probe);
                probed.add(moved);
            }
            List<float[]> results = DenoiseStrength.run(noisy, channels, w, h, processor, network, extraInputs,
                    new Predictor.PlaneMonitor(monitor, done, total));
            List<float[]> probedResults = DenoiseStrength.run(probed, channels, w, h, processor, network,
                    extraInputs, new Predictor.PlaneMonitor(monitor, done + processor.tileCount(w, h), total));
            return new ProbedWindow(noisy, results, probedResults, probes, steps);
        }
    }

    private static List<float[]> run(List<float[]> inputs, int outputs, int w, int h, TiledProcessor processor,
            TileFunction network, UnaryOperator<List<PlaneAccess>> extraInputs, TaskMonitor monitor) {
        List<PlaneAccess> in = new ArrayList<>();
        for (float[] pixels : inputs) {
            in.add(PlaneAccesses.floats(pixels, w, h));
        }
        List<float[]> results = new ArrayList<>();
        List<PlaneAccess> out = new ArrayList<>();
        for (int c = 0; c < outputs; c++) {
            float[] pixels = new float[w * h];
            results.add(pixels);
            out.add(PlaneAccesses.floats(pixels, w, h));
        }
        processor.processPlane(extraInputs.apply(in), out, LinearMap.IDENTITY, LinearMap.IDENTITY, network, monitor);
        return results;
    }

    /** The spread of {@code values} that the range of an image means here: its 99.8th percentile minus its 1st. */
    static double range(float[] values) {
        double[] p = Percentiles.of(List.of(PlaneAccesses.floats(values, values.length, 1)), 1, 99.8);
        return p[1] - p[0];
    }

    /** A rectangle of one plane. */
    record Window(int z, int t, int x0, int y0, int width, int height) {

        float[] read(PlaneAccess plane) {
            float[] pixels = new float[width * height];
            FloatBuffer buffer = FloatBuffer.wrap(pixels);
            for (int y = 0; y < height; y++) {
                plane.readRow(y0 + y, x0, width, buffer, y * width, LinearMap.IDENTITY);
            }
            return pixels;
        }
    }

    /**
     * A denoised result as a mix of the noisy image {@code y}, the network's result {@code n}, non-local means
     * {@code m_k} of the image ({@link NonLocalMeans#BLENDED}) and its Wiener filters {@code w_k} with {@code n} as
     * the pilot ({@link PilotWiener#BLENDED}): {@code x = y + network (n - y) + sum_k filters[k] (m_k - y) + sum_k
     * wieners[k] (w_k - y)}, then refined toward the block-matched Wiener filter {@code b} of {@code y} with {@code x}
     * as the pilot ({@link BlockMatchedWiener#REFINING}): {@code x + refined (b - x)}; the filters run with each
     * channel's noise variance in {@code variances}. {@code spread}: the pixels over which the noise was found
     * spread where it is not white ({@link NoiseCeiling.Estimate#white}, {@link SpreadNoise#spreadOf}), where the
     * network's share alone is kept; 0 for white noise. {@code suspected}: where the noise was read as white, but
     * only a little more correlated than white noise ({@link NoiseCeiling#SPREAD_SUSPECTED}), the spread it may have;
     * else 0 (so never beside a {@code spread}).
     */
    record Blend(double network, double[] filters, double[] wieners, double refined, double[] variances,
            double spread, double suspected) {

        /** A mix of white noise. */
        Blend(double network, double[] filters, double[] wieners, double refined, double[] variances) {
            this(network, filters, wieners, refined, variances, 0, 0);
        }

        /** The network's share over the noisy image alone. */
        static Blend of(double strength) {
            return of(strength, 0, 0);
        }

        /**
         * The network's share over the noisy image alone, the noise found spread over that many pixels (or 0), or
         * suspected to be (or 0).
         */
        static Blend of(double strength, double spread, double suspected) {
            return new Blend(strength, new double[0], new double[PilotWiener.BLENDED.size()], 0, new double[0],
                    spread, suspected);
        }

        /** Whether the noise was found spread over neighbouring pixels (not white). */
        boolean spreadNoise() {
            return spread > 0;
        }

        /**
         * Whether the noise, read as white, may yet be spread over neighbouring pixels: a network for such noise,
         * where there is one, decides ({@link SpreadShare.Fit#confirms}).
         */
        boolean suspectedSpread() {
            return suspected > 0;
        }

        /** Whether classical filters (non-local means, the Wiener filters) take part. */
        boolean filtered() {
            return anyShare(filters) || anyShare(wieners) || refined > 0;
        }

        /** Whether any of {@code shares} is above 0. */
        static boolean anyShare(double[] shares) {
            return Arrays.stream(shares).anyMatch(share -> share > 0);
        }

        /**
         * The mix {@code x} of the noisy plane {@code y}, the network's result {@code n} and the filtered planes
         * (empty where their shares are 0).
         */
        float[] mix(float[] y, float[] n, float[][] nonLocalMeans, float[][] wienerFiltered) {
            float[] mixed = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                double x = y[i] + network * (n[i] - y[i]);
                for (int k = 0; k < nonLocalMeans.length; k++) {
                    x += filters[k] * (nonLocalMeans[k][i] - y[i]);
                }
                for (int k = 0; k < wienerFiltered.length; k++) {
                    x += wieners[k] * (wienerFiltered[k][i] - y[i]);
                }
                mixed[i] = (float) x;
            }
            return mixed;
        }

        /** The mix {@code x} refined toward its block-matched Wiener filter {@code b}, in place. */
        float[] refine(float[] mixed, float[] matched) {
            for (int i = 0; i < mixed.length; i++) {
                mixed[i] = (float) (mixed[i] + refined * (matched[i] - mixed[i]));
            }
            return mixed;
        }

        /** What the blend is, for the log. */
        String describe() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "network %.2f", network));
            for (int k = 0; k < filters.length; k++) {
                NonLocalMeans.Filter filter = NonLocalMeans.BLENDED.get(k);
                text.append(String.format(Locale.ROOT, ", non-local means (%dx%d patches) %.2f",
                        2 * filter.patchRadius() + 1, 2 * filter.patchRadius() + 1, filters[k]));
            }
            for (int k = 0; k < wieners.length && filters.length > 0; k++) {
                PilotWiener filter = PilotWiener.BLENDED.get(k);
                text.append(String.format(Locale.ROOT, ", Wiener filter (%dx%d DCT blocks) %.2f", filter.block(),
                        filter.block(), wieners[k]));
            }
            text.append(", noisy image ").append(String.format(Locale.ROOT, "%.2f",
                    1 - network - Arrays.stream(filters).sum() - Arrays.stream(wieners).sum()));
            if (filters.length > 0) {
                text.append(String.format(Locale.ROOT, "; then %.2f of the way to the block-matched Wiener filter "
                        + "of that mix", refined));
            }
            return text.toString();
        }
    }

    /**
     * The central part of one fitted window where the mix applies: the noisy values and those moved by {@code step}
     * times {@code probe}, each pixel's noise variance and their mean, and the corrected planes for both.
     */
    record MixedWindow(Window part, float[] noisy, float[] moved, float[] probe, double step, float[] variances,
            double meanVariance, float[] network, float[] probedNetwork, float[][] nonLocalMeans,
            float[][] probedNonLocalMeans, float[][] wieners, float[][] probedWieners) {
    }

    /** Sums of SURE over the fitted windows and channels. */
    static final class Sums {

        /** The corrections mixed: the network's, each non-local means filter's, each Wiener filter's. */
        static final int CORRECTIONS = 1 + NonLocalMeans.BLENDED.size() + PilotWiener.BLENDED.size();

        double variance;
        double divergence;
        double correction;
        double rangeSquares;
        long pixels;
        boolean correlated;
        /** The correlations read in the windows, summed, and their count: what the noise's spread is read from. */
        double correlations;
        int estimates;

        /** Side of the central part of each window where non-local means join the fit. */
        final int mixedSide;
        /** Whether every window and channel so far allows the mix with non-local means. */
        boolean mixable = true;
        /**
         * Products of the corrections (network, then each non-local means filter, then each Wiener filter) over the
         * mixed pixels.
         */
        final double[][] gram = new double[CORRECTIONS][CORRECTIONS];
        /** Per correction: the sum of the variance minus the variance-weighted divergence, SURE's linear term. */
        final double[] risk = new double[CORRECTIONS];
        /** The mixed parts of the windows, for the refinement's share once the mix is known. */
        final List<MixedWindow> mixedWindows = new ArrayList<>();
        /** Each channel's mean noise variance (the ceiling's), summed over windows, and their count. */
        final double[] channelVariances;
        final int[] channelWindows;

        Sums(int channels, int mixedSide) {
            this.mixedSide = mixedSide;
            channelVariances = new double[channels];
            channelWindows = new int[channels];
        }

        /**
         * Adds channel {@code c} of one window: the noisy values, the network's result, its result for the values
         * moved by {@code step} times {@code probe}.
         */
        void add(int c, float[] noisy, float[] result, float[] probedResult, float[] probe, double step, int w,
                int h) {
            NoiseCeiling.Estimate estimate = NoiseCeiling.estimate(noisy, result, w, h);
            if (estimate == null) {
                mixable = false;
                return;
            }
            correlated |= !estimate.white();
            correlations += estimate.neighbourCorrelation();
            estimates++;
            NoiseCeiling.Line line = estimate.line();
            // NB: one pass over the result for its range (1st to 99.8th percentile) and its median.
            double[] levels = Percentiles.of(List.of(PlaneAccesses.floats(result, result.length, 1)), 1, 50, 99.8);
            double range = levels[2] - levels[0];
            double windowVariance = 0;
            for (int i = 0; i < noisy.length; i++) {
                double v = line.variance(result[i]);
                double d = result[i] - noisy[i];
                windowVariance += v;
                divergence += v * probe[i] * (probedResult[i] - result[i]) / step;
                correction += d * d;
            }
            variance += windowVariance;
            rangeSquares += range * range * noisy.length;
            pixels += noisy.length;
            double meanVariance = windowVariance / noisy.length;
            mixable &= estimate.white() && Math.sqrt(meanVariance) < MIXED_PERCENT / 100.0 * range
                    && photons(line, levels[1]) >= MIN_PHOTONS;
            if (mixable) {
                addMixed(c, new Window(0, 0, Math.max(0, (w - mixedSide) / 2), Math.max(0, (h - mixedSide) / 2),
                        Math.min(w, mixedSide), Math.min(h, mixedSide)), noisy, result, probedResult, probe, step,
                        w, line, meanVariance);
            }
        }

        /**
         * The photons a pixel of brightness {@code median} counts, as the noise line tells them: for Poisson noise of
         * gain {@code g} (grey values per photon) the variance at that brightness over {@code g^2}; unbounded for
         * noise that does not grow with brightness.
         */
        static double photons(NoiseCeiling.Line line, double median) {
            if (line.gain() <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            return line.variance(median) / (line.gain() * line.gain());
        }

        /** Adds the central part of a window to the mix with non-local means, where the network leaves the noise. */
        private void addMixed(int c, Window part, float[] noisy, float[] result, float[] probedResult, float[] probe,
                double step, int w, NoiseCeiling.Line line, double meanVariance) {
            PlaneAccess whole = PlaneAccesses.floats(noisy, w, noisy.length / w);
            float[] y = part.read(whole);
            float[] f = part.read(PlaneAccesses.floats(result, w, noisy.length / w));
            float[] fp = part.read(PlaneAccesses.floats(probedResult, w, noisy.length / w));
            float[] b = part.read(PlaneAccesses.floats(probe, w, noisy.length / w));
            double kept = 0;
            for (int i = 0; i < y.length; i++) {
                kept += b[i] * (fp[i] - f[i]) / step;
            }
            // NB: a network that keeps most of each pixel's own value judges the noise faint or the detail real
            // (texture where the ceiling reads high); a filter run at the ceiling would smooth that detail away.
            if (kept >= KEPT_LIMIT * y.length) {
                mixable = false;
                return;
            }
            float[] moved = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                moved[i] = (float) (y[i] + step * b[i]);
            }
            float[][] filtered = NonLocalMeans.apply(y, part.width(), part.height(), meanVariance,
                    NonLocalMeans.BLENDED);
            float[][] probedFiltered = NonLocalMeans.apply(moved, part.width(), part.height(), meanVariance,
                    NonLocalMeans.BLENDED);
            int filters = NonLocalMeans.BLENDED.size();
            float[][] corrected = new float[CORRECTIONS - 1][];
            float[][] probedCorrected = new float[CORRECTIONS - 1][];
            System.arraycopy(filtered, 0, corrected, 0, filters);
            System.arraycopy(probedFiltered, 0, probedCorrected, 0, filters);
            float[][] wieners = new float[PilotWiener.BLENDED.size()][];
            float[][] probedWieners = new float[wieners.length][];
            for (int k = 0; k < wieners.length; k++) {
                PilotWiener wiener = PilotWiener.BLENDED.get(k);
                wieners[k] = wiener.apply(y, f, part.width(), part.height(), meanVariance, part.x0(), part.y0());
                probedWieners[k] = wiener.apply(moved, fp, part.width(), part.height(), meanVariance, part.x0(),
                        part.y0());
            }
            System.arraycopy(wieners, 0, corrected, filters, wieners.length);
            System.arraycopy(probedWieners, 0, probedCorrected, filters, wieners.length);
            int n = risk.length;
            double[] d = new double[n];
            float[] variances = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                double v = line.variance(f[i]);
                variances[i] = (float) v;
                d[0] = f[i] - y[i];
                risk[0] += v - v * b[i] * (fp[i] - f[i]) / step;
                for (int k = 1; k < n; k++) {
                    d[k] = corrected[k - 1][i] - y[i];
                    risk[k] += v - v * b[i] * (probedCorrected[k - 1][i] - corrected[k - 1][i]) / step;
                }
                for (int k = 0; k < n; k++) {
                    for (int l = 0; l < n; l++) {
                        gram[k][l] += d[k] * d[l];
                    }
                }
            }
            channelVariances[c] += meanVariance;
            channelWindows[c]++;
            mixedWindows.add(new MixedWindow(part, y, moved, b, step, variances, meanVariance, f, fp, filtered,
                    probedFiltered, wieners, probedWieners));
        }

        /** Whether the noise is faint enough to fit: its ceiling below {@value #FAINT_PERCENT} % of the range. */
        boolean faint() {
            return pixels > 0 && rangeSquares > 0 && Math.sqrt(variance / rangeSquares) < FAINT_PERCENT / 100.0;
        }

        /** The share, 0 to 1: SURE's where the noise is faint and white, else 1. */
        double share() {
            if (!faint() || correlated || correction <= 0) {
                return 1;
            }
            return Math.max(0, Math.min(1, (variance - divergence) / correction));
        }

        /**
         * The blend: SURE's mix of the network and non-local means where every window allows it, else the
         * network's share alone ({@link #share}).
         */
        Blend blend() {
            boolean mixed = mixable && pixels > 0 && gram[0][0] > 0;
            for (int count : channelWindows) {
                mixed &= count > 0;
            }
            if (!mixed) {
                return Blend.of(share(), correlated ? readSpread() : 0, suspectedSpread());
            }
            double[] shares = ConvexShares.solve(gram, risk);
            double[] variances = new double[channelVariances.length];
            for (int c = 0; c < variances.length; c++) {
                variances[c] = channelVariances[c] / channelWindows[c];
            }
            int firstWiener = 1 + NonLocalMeans.BLENDED.size();
            Blend mix = new Blend(shares[0], Arrays.copyOfRange(shares, 1, firstWiener), Arrays.copyOfRange(shares,
                    firstWiener, shares.length), 0, variances);
            return new Blend(mix.network(), mix.filters(), mix.wieners(), refinedShare(mix), variances, 0,
                    suspectedSpread());
        }

        /**
         * Where every window read the noise as white but their mean correlation is above
         * {@link NoiseCeiling#SPREAD_SUSPECTED}, the spread that correlation means ({@link #readSpread}); else 0.
         */
        double suspectedSpread() {
            double mean = estimates > 0 ? correlations / estimates : Double.NEGATIVE_INFINITY;
            return !correlated && mean > NoiseCeiling.SPREAD_SUSPECTED ? readSpread() : 0;
        }

        /**
         * The spread the windows' mean correlation means ({@link SpreadNoise#spreadOf}), at least the smallest
         * positive number, so that a spread read as 0 still counts as read.
         */
        double readSpread() {
            return Math.max(SpreadNoise.spreadOf(correlations / estimates), Float.MIN_NORMAL);
        }

        /**
         * SURE's share of the refinement of {@code mix} (its block-matched Wiener filter {@code b} with the mix
         * {@code x} as the pilot, {@code x + g (b - x)}), 0 to 1: {@code g = -(sum (x - y)(b - x) + sum v div(b -
         * x)) / sum (b - x)^2}. The probed filter reuses the stacks found on the mix, so the divergence measures how
         * the result moves with the input for fixed stacks.
         */
        double refinedShare(Blend mix) {
            double cross = 0;
            double divergence = 0;
            double squares = 0;
            for (MixedWindow window : mixedWindows) {
                float[] x = mix.mix(window.noisy(), window.network(), window.nonLocalMeans(), window.wieners());
                float[] xp = mix.mix(window.moved(), window.probedNetwork(), window.probedNonLocalMeans(),
                        window.probedWieners());
                Window part = window.part();
                BlockMatchedWiener refining = BlockMatchedWiener.REFINING;
                BlockMatchedWiener.Matches matches = refining.match(x, part.width(), part.height(),
                        window.meanVariance(), part.x0(), part.y0());
                float[] b = refining.apply(window.noisy(), x, matches, window.meanVariance());
                float[] bp = refining.apply(window.moved(), xp, matches, window.meanVariance());
                for (int i = 0; i < x.length; i++) {
                    double c = b[i] - x[i];
                    cross += (x[i] - window.noisy()[i]) * c;
                    squares += c * c;
                    divergence += window.variances()[i] * window.probe()[i] * ((bp[i] - b[i]) - (xp[i] - x[i]))
                            / window.step();
                }
            }
            return squares > 0 ? Math.max(0, Math.min(1, -(cross + divergence) / squares)) : 0;
        }
    }
}
