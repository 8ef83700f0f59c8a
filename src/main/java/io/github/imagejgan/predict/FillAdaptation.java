package io.github.imagejgan.predict;

import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.imagejgan.nn.AdamOptimizer;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.task.TaskMonitor;

/**
 * An inpainting network fitted to the image it fills, before it fills it: a copy of the network learns for a few
 * steps on the image's own known pixels, hidden from it by the image's holes shifted (and flipped) to random places,
 * with the loss the network was trained with (the log of each crop's squared error, here over the hidden pixels
 * only). The real holes and the pixels {@link FillStrength} hides to fit its share stay holes throughout and are never
 * a target, so that the share is still fitted on pixels the network never learned from.
 *
 * <p>Why: the network learned from photographs, phantoms and dead-leaves scenes; an image brings its own texture
 * (bricks, cells, a CT's noise) and its own holes' shapes, and the known pixels around the holes show both. Measured
 * on the 23 real test images (models/inpaint-general.md), 60 steps of {@value #BATCH} crops with one copy of the
 * holes each, gain over biharmonic fill in the holes (mean, worst image) with the fitted share, without and with the
 * fit: boxes +2.25 / -1.46 against +2.58 / -1.23 dB, strokes +1.17 / -0.75 against +1.27 / -0.93 (the textured
 * {@code brick} +2.4 dB in boxes, the smooth {@code cell} +0.8 in strokes); steps with {@value #HOLE_COPIES} copies
 * learn about as much in a third of the steps (boxes +2.56 in 20, see {@link #HOLE_COPIES}), and
 * {@value #DEFAULT_STEPS} of them as much as 20 (see {@link #DEFAULT_STEPS}).
 * The steps cost the same on any plane size (crops of at most {@value #CROP} pixels): 0.3 to 0.7 s each on two CPU
 * cores, nearly all of it the network's forward and backward pass (the thin-plate fill of each batch's holes takes a
 * few per cent since it runs on arrays, {@code nn.HoleFills}). A stack is fitted once, each step's crops
 * drawn from one of its planes, for the steps of each plane with holes up to {@value #STACK_PLANES} planes' worth, so
 * that its time stops growing with the number of planes. The settings were chosen on photographs that are not test
 * images.
 */
final class FillAdaptation {

    /**
     * Steps a run takes unless told otherwise; 0 turns adaptation off. 12: on twelve wallpaper photographs (not test
     * images), gain over biharmonic fill in boxes / strokes, 8 steps +1.93 / +3.54 dB, 12 steps +2.00 / +3.50, 15
     * steps +2.02 / +3.48, 20 steps +1.94 / +3.48: past a few steps the fit's gain is its crops' draw more than its
     * length, and each step costs about half a second on two CPU cores. On the real test images 12 steps gave +2.53 /
     * +1.60 against +2.56 / +1.65 for 20, in 0.6 times the fitting's time.
     */
    static final int DEFAULT_STEPS = 12;

    /** The largest side of a crop (pixels): the training patches' size. */
    static final int CROP = 96;

    /** Crops per step. */
    static final int BATCH = 4;

    /**
     * Copies of the image's holes laid over each crop, each shifted and flipped on its own: about three times the
     * pixels to learn from in a step of the same cost, so that fewer steps learn as much. Measured on twelve wallpaper
     * photographs with boxes (not test images), gain over biharmonic fill: 60 steps with one copy +1.91 dB (worst
     * +0.20), 20 steps with one copy +1.84 (+0.35), 20 steps with three copies +1.94 (+0.69), the network as trained
     * +1.69.
     */
    static final int HOLE_COPIES = 3;

    /** Adam's learning rate: half the rate the shipped network's last training runs took. */
    static final float RATE = 1e-4f;

    /**
     * A stack's fit takes the steps of this many planes at most (each plane with holes adds the steps of one): up to
     * there it costs what fitting each plane on its own cost, beyond it the time stays that of this many planes.
     * Measured on stacks of four 256² planes (quadrants of four test images, boxes): one fit of 4 x 60 steps +2.22 dB
     * over biharmonic fill on average (worst plane -0.25) against +2.19 (-0.64) for 60 steps on each plane alone, in
     * the same time; 60 steps for the whole stack +1.88 (-1.27); the network as trained +1.76 (-0.49).
     */
    static final int STACK_PLANES = 4;

    /** Seed of the crops and shifts, so that one image always gets the same result. */
    static final long SEED = 78;

    private FillAdaptation() {
    }

    /**
     * A network fitted to one plane, in its own native memory (or the network as it was, where nothing was fitted):
     * close it after use. The network the copy was made from is left as it was.
     */
    static final class Adapted implements AutoCloseable {

        /** Null for the network as it was, which this does not own. */
        private final NDManager manager;
        private final Block network;
        private final int steps;

        private Adapted(NDManager manager, Block network, int steps) {
            this.manager = manager;
            this.network = network;
            this.steps = steps;
        }

        /** The fitted network. */
        Block network() {
            return network;
        }

        /** Steps taken: 0 where the plane left nothing to learn from. */
        int steps() {
            return steps;
        }

        @Override
        public void close() {
            if (manager != null) {
                manager.close();
            }
        }
    }

    /** The network as it was trained: nothing fitted, nothing to release. */
    static Adapted none(Block generator) {
        return new Adapted(null, generator, 0);
    }

    /**
     * One plane as the fit reads it.
     *
     * @param channels the plane's channels in network values, row-major
     * @param holes    1 where a pixel is missing
     * @param hidden   1 where a pixel is held back for {@link FillStrength}'s fit (all 0 where none is)
     */
    record Plane(List<float[]> channels, byte[] holes, byte[] hidden) {
    }

    /** The planes a fit learns from, read one at a time (a stack need not be held in memory at once). */
    interface Planes {

        int count();

        Plane read(int index);
    }

    /**
     * Fits a copy of {@code generator} to a plane.
     *
     * @param planes  the plane's channels in network values, row-major
     * @param holes   1 where a pixel is missing
     * @param hidden  1 where a pixel is held back for {@link FillStrength}'s fit (all 0 where none is)
     * @param steps   Adam steps to take (0 or more)
     * @param parent  the manager the copy's own manager is made under
     * @param monitor progress over the steps; cancellation between them
     * @return the fitted copy; {@link #none} where no step was asked or the plane leaves no room for a crop or has
     *         no hole
     */
    static Adapted adapt(Block generator, InpaintingSpec spec, List<float[]> planes, byte[] holes, byte[] hidden,
            int w, int h, int steps, NDManager parent, TaskMonitor monitor) {
        return adapt(generator, spec, planes, holes, hidden, w, h, steps, RATE, parent, monitor);
    }

    /**
     * As {@link #adapt(Block, InpaintingSpec, List, byte[], byte[], int, int, int, NDManager, TaskMonitor)}, at
     * another learning rate.
     */
    static Adapted adapt(Block generator, InpaintingSpec spec, List<float[]> planes, byte[] holes, byte[] hidden,
            int w, int h, int steps, float rate, NDManager parent, TaskMonitor monitor) {
        if (!anyHole(holes)) {
            return none(generator);
        }
        Plane plane = new Plane(planes, holes, hidden);
        return adapt(generator, spec, new Planes() {
            @Override
            public int count() {
                return 1;
            }

            @Override
            public Plane read(int index) {
                return plane;
            }
        }, w, h, steps, rate, parent, monitor);
    }

    /**
     * Fits one copy of {@code generator} to several planes of one size (the planes of a stack that have holes): each
     * step draws its crops from one plane chosen at random, so that the time follows the steps asked, not the number
     * of planes.
     *
     * @param planes the planes, each with at least one hole
     */
    static Adapted adapt(Block generator, InpaintingSpec spec, Planes planes, int w, int h, int steps, float rate,
            NDManager parent, TaskMonitor monitor) {
        int multiple = 1 << spec.depth();
        int cropWidth = Math.min(CROP, w) / multiple * multiple;
        int cropHeight = Math.min(CROP, h) / multiple * multiple;
        if (steps == 0 || cropWidth == 0 || cropHeight == 0 || planes.count() == 0) {
            return none(generator);
        }
        NDManager manager = parent.newSubManager();
        try {
            Block copy = Networks.create(spec, manager);
            Networks.copyWidened(generator, copy);
            int taken = train(copy, planes, w, h, cropWidth, cropHeight, steps, rate, manager, monitor);
            if (taken < 0) {
                // NB: a fit that diverged leaves a copy that would fill the holes with garbage; the network as
                // trained is still sound.
                manager.close();
                return none(generator);
            }
            return new Adapted(manager, copy, taken);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Takes the steps; returns how many updated the network, or -1 where a loss was not finite. */
    private static int train(Block network, Planes planes, int w, int h, int cropWidth, int cropHeight, int steps,
            float rate, NDManager manager, TaskMonitor monitor) {
        AdamOptimizer optimizer = new AdamOptimizer(manager, AdamOptimizer.learnedParameters(network, ""), 0.9f,
                0.999f);
        ParameterStore store = new ParameterStore(manager, false);
        SplittableRandom random = new SplittableRandom(SEED);
        Plane plane = planes.read(0);
        int current = 0;
        int channels = plane.channels().size();
        Shape inputShape = new Shape(BATCH, channels + 1, cropHeight, cropWidth);
        Shape targetShape = new Shape(BATCH, channels, cropHeight, cropWidth);
        Shape weightShape = new Shape(BATCH, 1, cropHeight, cropWidth);
        int taken = 0;
        for (int step = 0; step < steps; step++) {
            monitor.checkCancelled();
            // NB: a single plane draws nothing here, so that its crops are those it always had.
            int chosen = planes.count() == 1 ? 0 : random.nextInt(planes.count());
            if (chosen != current) {
                plane = planes.read(chosen);
                current = chosen;
            }
            Crops crops = Crops.draw(plane.channels(), plane.holes(), plane.hidden(), w, h, cropWidth, cropHeight,
                    random);
            if (crops.targets() == 0) {
                continue;
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(crops.input(), inputShape);
                NDArray y = scope.create(crops.target(), targetShape);
                NDArray weights = scope.create(crops.weights(), weightShape);
                float loss;
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray out = network.forward(store, new NDList(x), true).singletonOrThrow();
                    NDArray value = ReconstructionLoss.logL2Over(out, y, weights);
                    collector.backward(value);
                    loss = value.getFloat();
                }
                if (!Float.isFinite(loss)) {
                    return -1;
                }
                optimizer.update(rate, scope);
            }
            taken++;
            monitor.progress(step + 1, steps, "Fitting the network to the image: step " + (step + 1) + " of "
                    + steps);
        }
        return taken;
    }

    /** Whether a plane's mask has any hole. */
    static boolean anyHole(byte[] holes) {
        for (byte b : holes) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * One batch of crops: the network's input (the channels, then the mask: 1 at real, held-back and newly hidden
     * pixels), the plane's values as targets, and weights 1 at the newly hidden pixels, the only ones scored.
     */
    record Crops(float[] input, float[] target, float[] weights, long targets) {

        /**
         * Draws {@value #BATCH} crops at random places, each with {@value #HOLE_COPIES} copies of the plane's holes,
         * each shifted by a random offset (wrapping around the plane) and flipped at random, kept where they cover
         * known pixels that are not held back.
         */
        static Crops draw(List<float[]> planes, byte[] holes, byte[] hidden, int w, int h, int cropWidth,
                int cropHeight, SplittableRandom random) {
            int channels = planes.size();
            int area = cropWidth * cropHeight;
            float[] input = new float[BATCH * (channels + 1) * area];
            float[] target = new float[BATCH * channels * area];
            float[] weights = new float[BATCH * area];
            long targets = 0;
            for (int b = 0; b < BATCH; b++) {
                Shift[] copies = new Shift[HOLE_COPIES];
                for (int k = 0; k < copies.length; k++) {
                    copies[k] = Shift.draw(w, h, random);
                }
                int y0 = random.nextInt(h - cropHeight + 1);
                int x0 = random.nextInt(w - cropWidth + 1);
                for (int cy = 0; cy < cropHeight; cy++) {
                    int y = y0 + cy;
                    for (int cx = 0; cx < cropWidth; cx++) {
                        int x = x0 + cx;
                        int i = y * w + x;
                        boolean unknown = holes[i] != 0 || hidden[i] != 0;
                        boolean scored = false;
                        for (int k = 0; k < copies.length && !unknown && !scored; k++) {
                            scored = holes[copies[k].source(x, y, w, h)] != 0;
                        }
                        int at = cy * cropWidth + cx;
                        for (int c = 0; c < channels; c++) {
                            float value = planes.get(c)[i];
                            target[(b * channels + c) * area + at] = value;
                            input[(b * (channels + 1) + c) * area + at] = unknown || scored ? 0 : value;
                        }
                        input[(b * (channels + 1) + channels) * area + at] = unknown || scored ? 1 : 0;
                        if (scored) {
                            weights[b * area + at] = 1;
                            targets++;
                        }
                    }
                }
            }
            return new Crops(input, target, weights, targets);
        }
    }

    /** One copy of the holes: shifted by {@code (dx, dy)}, wrapping around the plane, after flips. */
    private record Shift(int dx, int dy, boolean flipX, boolean flipY) {

        /** NB: drawn in the order a single copy always was, so that the first copy is the one it was. */
        static Shift draw(int w, int h, SplittableRandom random) {
            int dy = random.nextInt(h);
            int dx = random.nextInt(w);
            boolean flipY = random.nextBoolean();
            boolean flipX = random.nextBoolean();
            return new Shift(dx, dy, flipX, flipY);
        }

        /** The plane's index whose hole lands on {@code (x, y)}. */
        int source(int x, int y, int w, int h) {
            int sy = Math.floorMod((flipY ? h - 1 - y : y) - dy, h);
            int sx = Math.floorMod((flipX ? w - 1 - x : x) - dx, w);
            return sy * w + sx;
        }
    }
}
