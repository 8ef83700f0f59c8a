package io.github.imagejgan.predict;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import io.github.imagejgan.image.DistanceTransform;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;
import net.imglib2.img.array.ArrayImgs;

/**
 * The strength of an inpainting network on one image: the share {@code a} (0 to 1) of its correction over its own
 * classical fill that the holes keep, {@code fill + a (network - fill)}, fitted on the image's known pixels.
 *
 * <p>Why: on an image unlike those it learned from, the network can add texture where the smooth fill was right (the
 * noisy microscopy image {@code cell}, 2.5 dB below biharmonic fill in thin strokes, models/inpaint-general.md). The
 * image holds its own test: the holes, shifted to places more than {@value #CLEARANCE} pixels from any real hole, hide
 * pixels whose truth is known; the network fills both sets in one run, and the least-squares share of its correction
 * on the hidden pixels stands in for the one in the real holes. A fit from a few large holes is unreliable (their
 * errors stretch over whole holes), so the share is drawn toward 1, the network alone, by the number of independent
 * samples the hidden pixels hold: {@code a = 1 + (fit - 1) n / (n + }{@value #PRIOR_SAMPLES}{@code )}, where n sums
 * each hidden hole's area over the square of its thickness (a box counts about once, a long thin stroke many times).
 * Measured on the 23 real test images (models/inpaint-general.md; gain over biharmonic fill in the holes, mean and
 * worst image, the network alone against fitted): strokes +1.14/-2.01 against +1.17/-0.75, boxes +2.26/-1.45 against
 * +2.25/-1.46. The network's fill comes out of the same run as its result
 * ({@link io.github.imagejgan.nn.InpaintingGenerator#forwardWithFill}), so the fit costs little more than the network.
 *
 * <p>The same hidden pixels then fit the share of a {@link NonLocalFill} over that result, drawn toward none: where the
 * image repeats its texture or edges across a thin stroke, the known pixels beside it show what the network cannot
 * draw (strokes +1.27 to +1.57 dB over biharmonic fill on the real test images with one round, +1.63 with two; boxes
 * unchanged).
 */
final class FillStrength {

    /** Distance (pixels) that keeps the hidden pixels out of the real holes' surroundings. */
    static final int CLEARANCE = 8;

    /** Shifted copies of the holes tried until they hide as many pixels as the real holes have. */
    static final int MAX_SHIFTS = 20;

    /** Independent samples at which the fit and the network alone weigh the same. */
    static final double PRIOR_SAMPLES = 20;

    /** Seed of the shifts, so that one image always gets the same result. */
    static final long SEED = 77;

    private FillStrength() {
    }

    /**
     * Rounds of the {@link NonLocalFill}, each over the result of the one before. Measured on twelve wallpaper
     * photographs with strokes (not test images, the network as trained): one round +3.21 dB over biharmonic fill, two
     * +3.57; on the real test images +1.57 and +1.63 (models/inpaint-general.md). A round after one whose share was 0
     * is not computed: it would find the same.
     */
    static final int NON_LOCAL_ROUNDS = 2;

    /**
     * The shares a plane's holes were filled with: the network's correction over its classical fill, and then each
     * round's {@link NonLocalFill} over the result before it (none where the strength was given rather than fitted).
     */
    record Shares(double network, List<Double> nonLocal) {

        /** The log line: the fitted shares, or the strength given. */
        String describe(boolean fitted) {
            if (!fitted) {
                return String.format(Locale.ROOT, "Strength over the classical fill: %.2f", network);
            }
            return String.format(Locale.ROOT, "Fitted on the image: strength over the classical fill %.2f, shares of "
                    + "the non-local fill %s", network, nonLocal.isEmpty() ? "none (no room to hide pixels)"
                            : nonLocal.stream().map(share -> String.format(Locale.ROOT, "%.2f", share)).collect(
                                    Collectors.joining(", ")));
        }
    }

    /**
     * Whether the described model's holes can be blended with its classical fill: an inpainting network that starts
     * from a fill, on single planes, with the image's own values around it.
     */
    static boolean applies(ModelDescriptor descriptor) {
        return descriptor.task() == ModelTask.INPAINT && descriptor.generator() instanceof InpaintingSpec spec
                && !spec.fill().equals(InpaintingSpec.ZERO) && !descriptor.normalization().isDeclared()
                && descriptor.tiling().slices() == 1;
    }

    /**
     * The strength a run of the described model uses: 1 (the network alone) for other tasks and models it does not
     * apply to, else the given share or {@link PredictionOptions#FITTED_STRENGTH}.
     *
     * @throws UserException for a share other than 1 on an inpainting model it does not apply to
     */
    static double chosen(ModelDescriptor descriptor, double strength) {
        return CorrectionStrength.chosen(ModelTask.INPAINT, descriptor, applies(descriptor), strength, "does not start "
                + "from a classical fill (or brings its own processing of values); its holes cannot be blended with one");
    }

    /**
     * Whether the plane copies a blend needs fit in half the heap left: per pixel and channel (32-bit) the network's
     * result, its fill, the image, the image once more where the network is fitted to it first
     * ({@link FillAdaptation}), and the blend, the {@link NonLocalFill}'s padded guide and its result with the blend
     * once more; and the masks, distances and hole labels of the hidden pixels and the non-local fill's patch weights
     * (about 36 bytes). Where they do not, the plane runs as the network alone, written as it goes.
     */
    static boolean fitsInHeap(long width, long height, int channels) {
        Runtime runtime = Runtime.getRuntime();
        long left = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        return (8L * channels * Float.BYTES + 36) * width * height < left / 2;
    }

    /**
     * Fills the holes of one plane: the network and its classical fill run together (on the real holes and, for a
     * fitted strength, the hidden ones), and the holes get {@code fill + a (network - fill)}.
     *
     * @param inputs  the network's image planes (mapped to network values), without the mask
     * @param holes   the plane's holes, 1 where a pixel is missing, row-major
     * @param hidden  the known pixels to hide for a fitted strength ({@link #hiddenFor})
     * @param outputs the result planes (pixels outside the holes are left for the caller to restore)
     * @param pair    the network's output and its fill alone beside it, along the channel axis (in network values;
     *                {@code mapping}'s output map takes them to the image's)
     * @return the shares used
     */
    static Shares fillPlane(TiledProcessor processor, List<PlaneAccess> inputs, byte[] holes, byte[] hidden,
            List<PlaneAccess> outputs, ValueMapping mapping, TileFunction pair, double strength, TaskMonitor monitor) {
        int w = inputs.get(0).width();
        int h = inputs.get(0).height();
        int channels = outputs.size();
        byte[] run = holes.clone();
        for (int i = 0; i < run.length; i++) {
            run[i] |= hidden[i];
        }
        List<PlaneAccess> withMask = new ArrayList<>(inputs);
        withMask.add(PlaneAccesses.plane(ArrayImgs.unsignedBytes(run, w, h)));
        List<float[]> results = new ArrayList<>();
        List<PlaneAccess> resultPlanes = new ArrayList<>();
        for (int c = 0; c < 2 * channels; c++) {
            float[] pixels = new float[w * h];
            results.add(pixels);
            resultPlanes.add(PlaneAccesses.floats(pixels, w, h));
        }
        processor.processPlane(withMask, resultPlanes, LinearMap.IDENTITY, mapping.outputMap(), pair, monitor);
        double share = strength;
        List<Double> nonLocal = new ArrayList<>();
        List<float[]> filled = new ArrayList<>();
        if (strength == PredictionOptions.FITTED_STRENGTH) {
            List<float[]> image = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                image.add(PlaneAccesses.read(PlaneAccesses.mapped(inputs.get(c), mapping.outputMap())));
            }
            // NB: every share is fitted on the same hidden pixels (none where there was no room to hide any), so their
            // independent samples are counted once.
            double samples = independentSamples(hidden, w, h);
            share = fit(image, results.subList(0, channels), results.subList(channels, 2 * channels), hidden, samples);
            for (int c = 0; c < channels; c++) {
                filled.add(blend(results.get(channels + c), results.get(c), share, image.get(c), run));
            }
            // NB: each round's result guides the next one's patches, so that a pixel deep in a stroke is compared on
            // what the round before found for its neighbours.
            double range = knownRange(image, run);
            long tiles = processor.tileCount(w, h);
            for (int round = 0; round < NON_LOCAL_ROUNDS && samples > 0; round++) {
                if (round > 0 && nonLocal.get(round - 1) == 0) {
                    // NB: a round with share 0 left its guide as it was, so every later round would compare the same
                    // patches and find the same fill and share again (boxes wider than the search mostly do).
                    nonLocal.add(0.0);
                    continue;
                }
                monitor.progress(tiles, tiles, "Non-local fill: round " + (round + 1) + " of " + NON_LOCAL_ROUNDS);
                List<float[]> nonLocalFill = NonLocalFill.fill(filled, run, w, h, range, monitor);
                double roundShare = drawnShare(image, filled, nonLocalFill, hidden, samples, 0);
                for (int c = 0; c < channels; c++) {
                    filled.set(c, blend(filled.get(c), nonLocalFill.get(c), roundShare, image.get(c), run));
                }
                nonLocal.add(roundShare);
            }
        } else {
            for (int c = 0; c < channels; c++) {
                filled.add(blend(results.get(channels + c), results.get(c), share, null, run));
            }
        }
        FloatBuffer row = FloatBuffer.allocate(w);
        for (int c = 0; c < channels; c++) {
            float[] pixels = filled.get(c);
            for (int y = 0; y < h; y++) {
                row.put(0, pixels, y * w, w);
                outputs.get(c).writeRow(y, 0, w, row, 0, LinearMap.IDENTITY);
            }
        }
        return new Shares(share, nonLocal);
    }

    /**
     * {@code base + share (other - base)} in the holes of {@code run}; outside them the image's own values where
     * {@code image} is given, else {@code base}'s.
     */
    private static float[] blend(float[] base, float[] other, double share, float[] image, byte[] run) {
        float[] out = new float[base.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = run[i] != 0 ? (float) (base[i] + share * (other[i] - base[i])) : image != null ? image[i]
                    : base[i];
        }
        return out;
    }

    /** The range of the image's known pixels, over all channels (0 where none is known). */
    private static double knownRange(List<float[]> image, byte[] holes) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float[] plane : image) {
            for (int i = 0; i < plane.length; i++) {
                if (holes[i] == 0) {
                    min = Math.min(min, plane[i]);
                    max = Math.max(max, plane[i]);
                }
            }
        }
        return max > min ? max - min : 0;
    }

    /** The pixels to hide for a strength: {@link #hiddenHoles} where it is fitted, none for a given share. */
    static byte[] hiddenFor(double strength, byte[] holes, int w, int h) {
        return strength == PredictionOptions.FITTED_STRENGTH ? hiddenHoles(holes, w, h) : new byte[w * h];
    }

    /**
     * The fitted share: least squares of the image by the fill plus a share of the correction on the hidden pixels,
     * within 0 to 1, drawn toward 1 by the hidden holes' independent samples; 1 where nothing was hidden or the
     * network corrects nothing there.
     */
    static double fit(List<float[]> image, List<float[]> network, List<float[]> fill, byte[] hidden, double samples) {
        return drawnShare(image, fill, network, hidden, samples, 1);
    }

    /**
     * The least-squares share {@code s} (within 0 to 1) of {@code image ~ base + s (other - base)} on the hidden
     * pixels, drawn toward {@code prior} by the hidden holes' independent samples {@code n}
     * ({@link #independentSamples}): {@code prior + (s - prior) n / (n + }{@value #PRIOR_SAMPLES}{@code )}; the prior
     * where nothing was hidden or {@code other} does not differ from {@code base} there.
     */
    static double drawnShare(List<float[]> image, List<float[]> base, List<float[]> other, byte[] hidden,
            double samples, double prior) {
        double agreement = 0;
        double correction = 0;
        for (int c = 0; c < image.size(); c++) {
            float[] t = image.get(c);
            float[] n = other.get(c);
            float[] f = base.get(c);
            for (int i = 0; i < hidden.length; i++) {
                if (hidden[i] != 0) {
                    double d = n[i] - f[i];
                    agreement += d * (t[i] - f[i]);
                    correction += d * d;
                }
            }
        }
        if (correction == 0) {
            return prior;
        }
        double share = Math.max(0, Math.min(1, agreement / correction));
        return prior + (share - prior) * samples / (samples + PRIOR_SAMPLES);
    }

    /**
     * Pixels to hide: the holes shifted (wrapping around the image) to random places, kept where they lie more than
     * {@value #CLEARANCE} pixels from every real hole, until they hide as many pixels as the holes have or
     * {@value #MAX_SHIFTS} shifts were tried. None where the holes leave no such room.
     */
    static byte[] hiddenHoles(byte[] holes, int w, int h) {
        float[] distance = DistanceTransform.toNearest(holes, w, h);
        long target = 0;
        for (byte b : holes) {
            target += b;
        }
        byte[] hidden = new byte[w * h];
        long count = 0;
        SplittableRandom random = new SplittableRandom(SEED);
        for (int shift = 0; shift < MAX_SHIFTS && count < target; shift++) {
            int dy = random.nextInt(h);
            int dx = random.nextInt(w);
            for (int y = 0; y < h; y++) {
                int sy = Math.floorMod(y - dy, h);
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (hidden[i] == 0 && holes[sy * w + Math.floorMod(x - dx, w)] != 0
                            && distance[i] > CLEARANCE) {
                        hidden[i] = 1;
                        count++;
                    }
                }
            }
        }
        return hidden;
    }

    /**
     * How many independent samples the hidden pixels hold: each 4-connected hole's area over the square of its
     * thickness (twice the largest distance from inside it to its edge).
     */
    static double independentSamples(byte[] hidden, int w, int h) {
        byte[] outside = new byte[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            outside[i] = (byte) (hidden[i] == 0 ? 1 : 0);
        }
        float[] depth = DistanceTransform.toNearest(outside, w, h);
        int[] label = new int[w * h];
        int[] stack = new int[w * h];
        double samples = 0;
        int next = 0;
        for (int start = 0; start < label.length; start++) {
            if (hidden[start] == 0 || label[start] != 0) {
                continue;
            }
            next++;
            long area = 0;
            double deepest = 0;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            while (top > 0) {
                int i = stack[--top];
                area++;
                deepest = Math.max(deepest, depth[i]);
                int x = i % w;
                int y = i / w;
                int[] neighbours = { x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1,
                    y < h - 1 ? i + w : -1 };
                for (int j : neighbours) {
                    if (j >= 0 && hidden[j] != 0 && label[j] == 0) {
                        label[j] = next;
                        stack[top++] = j;
                    }
                }
            }
            double thickness = Math.max(1, 2 * deepest);
            samples += area / (thickness * thickness);
        }
        return samples;
    }
}
