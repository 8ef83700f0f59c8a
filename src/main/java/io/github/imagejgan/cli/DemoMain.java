package io.github.imagejgan.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ij.ImagePlus;
import ij.plugin.filter.GaussianBlur;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.TileFunction;
import io.github.imagejgan.image.TileSpec;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.metrics.Psnr;
import io.github.imagejgan.nn.ResidualDenoiser;
import io.github.imagejgan.synth.NucleiPhantom;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.train.degrade.PoissonGaussianNoise;
import net.imglib2.img.array.ArrayImgs;

/**
 * The demo: renders noisy synthetic fluorescence nuclei, trains a small denoiser on other noisy/clean pairs, denoises
 * a new 512 x 512 16-bit image through the plugin's tiled path, and writes the images plus a side-by-side PNG. Run
 * with {@code mvn -B compile exec:exec@demo}.
 */
public final class DemoMain {

    private static final int TRAIN_IMAGES = 6;
    private static final int TRAIN_SIZE = 256;
    private static final int TEST_SIZE = 512;
    private static final int PATCH = 64;
    private static final int BATCH = 8;
    private static final int DEFAULT_STEPS = 400;
    private static final int DEPTH = 6;
    private static final int FEATURES = 32;
    private static final NoiseSetting NOISE = new NoiseSetting(new PoissonGaussianNoise(2), 0.3);

    /** Cameras add a constant offset so that read noise never clips at zero. */
    private static final float CAMERA_OFFSET = 100;

    /** Photon budget: the phantom's photons are scaled down by {@code exposure} before noise, i.e. a dim image. */
    private record NoiseSetting(PoissonGaussianNoise noise, double exposure) {
    }

    private DemoMain() {
    }

    /**
     * PSNR in dB against the ground truth.
     *
     * @param noisy   of the noisy input
     * @param blurred of a Gaussian blur of the input, the classical baseline
     * @param network of the trained network's output
     */
    public record Result(double noisy, double blurred, double network) {
    }

    /** Arguments: output folder (default {@code demo-output}); system property {@code steps} (default 400). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "demo-output");
        long start = System.nanoTime();
        run(out, Integer.getInteger("steps", DEFAULT_STEPS));
        log(String.format(Locale.ROOT, "Done in %.0f s. Results in %s", (System.nanoTime() - start) / 1e9,
                out.toAbsolutePath()));
        // ImageJ's filters leave a non-daemon thread pool behind; a command-line run must end here.
        System.exit(0);
    }

    /** Trains for {@code steps} steps, denoises the test image and writes the results into {@code out}. */
    public static Result run(Path out, int steps) throws IOException {
        DeviceChoice device = DeviceSelector.select(System.getProperty("imagejgan.device", "auto"));
        log("Device: " + device.description());
        Engine.getEngine(DeviceSelector.ENGINE).setRandomSeed(7);

        List<float[]> cleanTrain = new ArrayList<>();
        List<float[]> noisyTrain = new ArrayList<>();
        NucleiPhantom trainPhantom = NucleiPhantom.typical(TRAIN_SIZE, TRAIN_SIZE);
        for (int i = 0; i < TRAIN_IMAGES; i++) {
            Acquisition pair = acquire(trainPhantom.render(1 + i), 101 + i);
            cleanTrain.add(pair.clean());
            noisyTrain.add(pair.noisy());
        }
        // Each pair is normalized by its noisy image's percentiles, exactly as an image is at prediction time.
        List<LinearMap> normalizations = new ArrayList<>();
        for (float[] noisy : noisyTrain) {
            normalizations.add(PercentileNormalizer.DEFAULT.fit(List.of(plane(noisy, TRAIN_SIZE))).normalizing());
        }
        log(String.format(Locale.ROOT, "Training data: %d noisy/clean pairs of %dx%d", TRAIN_IMAGES, TRAIN_SIZE,
                TRAIN_SIZE));

        Acquisition test = acquire(NucleiPhantom.typical(TEST_SIZE, TEST_SIZE).render(1000), 2000);
        float[] clean = test.clean();
        ImagePlus noisyImage = toShortImage(test.noisy(), "noisy-nuclei");

        try (Model model = Model.newInstance("demo-denoiser", device.device())) {
            model.setBlock(ResidualDenoiser.build(1, FEATURES, DEPTH));
            train(model, steps, noisyTrain, cleanTrain, normalizations);
            ImagePlus denoised = denoise(model.getBlock(), noisyImage, device);
            return writeResults(out, clean, noisyImage, denoised);
        }
    }

    /** What a camera records (noisy, integer counts above an offset) and what it would record without noise. */
    private record Acquisition(float[] clean, float[] noisy) {
    }

    private static Acquisition acquire(float[] photons, long seed) {
        float[] expected = new float[photons.length];
        for (int i = 0; i < photons.length; i++) {
            expected[i] = (float) (photons[i] * NOISE.exposure());
        }
        float[] noisy = NOISE.noise().apply(expected, seed);
        float[] clean = new float[photons.length];
        for (int i = 0; i < photons.length; i++) {
            noisy[i] = Math.round(noisy[i]) + CAMERA_OFFSET;
            clean[i] = expected[i] + CAMERA_OFFSET;
        }
        return new Acquisition(clean, noisy);
    }

    private static void train(Model model, int steps, List<float[]> noisy, List<float[]> clean,
            List<LinearMap> normalizations) {
        // Cosine decay from 2e-3 settles the small network in few steps.
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.cosine().setBaseValue(2e-3f)
                .optFinalValue(1e-5f).setMaxUpdates(steps).build()).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(adam)
                .optDevices(new ai.djl.Device[] { model.getNDManager().getDevice() });
        Random random = new Random(3);
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(BATCH, 1, PATCH, PATCH));
            double recent = 0;
            for (int step = 1; step <= steps; step++) {
                float[] x = new float[BATCH * PATCH * PATCH];
                float[] y = new float[BATCH * PATCH * PATCH];
                for (int b = 0; b < BATCH; b++) {
                    int image = random.nextInt(noisy.size());
                    crop(noisy.get(image), clean.get(image), x, y, b * PATCH * PATCH, random,
                            normalizations.get(image));
                }
                try (NDManager scope = trainer.getManager().newSubManager()) {
                    NDArray input = scope.create(x, new Shape(BATCH, 1, PATCH, PATCH));
                    NDArray target = scope.create(y, new Shape(BATCH, 1, PATCH, PATCH));
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray prediction = trainer.forward(new NDList(input)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(target), new NDList(prediction));
                        collector.backward(loss);
                        recent += loss.getFloat();
                    }
                    trainer.step();
                }
                if (step % 50 == 0) {
                    log(String.format(Locale.ROOT, "Training step %d/%d, L1 loss %.4f", step, steps, recent / 50));
                    recent = 0;
                }
            }
        }
    }

    /** Random patch with a random flip/transpose, from the same place of a noisy and a clean image. */
    private static void crop(float[] noisy, float[] clean, float[] x, float[] y, int offset, Random random,
            LinearMap normalize) {
        int x0 = random.nextInt(TRAIN_SIZE - PATCH + 1);
        int y0 = random.nextInt(TRAIN_SIZE - PATCH + 1);
        boolean flipX = random.nextBoolean();
        boolean flipY = random.nextBoolean();
        boolean transpose = random.nextBoolean();
        for (int r = 0; r < PATCH; r++) {
            for (int c = 0; c < PATCH; c++) {
                int sr = transpose ? c : r;
                int sc = transpose ? r : c;
                sr = flipY ? PATCH - 1 - sr : sr;
                sc = flipX ? PATCH - 1 - sc : sc;
                int src = (y0 + sr) * TRAIN_SIZE + x0 + sc;
                x[offset + r * PATCH + c] = normalize.apply(noisy[src]);
                y[offset + r * PATCH + c] = normalize.apply(clean[src]);
            }
        }
    }

    private static ImagePlus denoise(Block network, ImagePlus input, DeviceChoice device) {
        HyperImage<?> in = ImagePlusImages.wrap(input);
        IntensityRange range = PercentileNormalizer.DEFAULT.fit(in);
        ImageMetadata metadata = in.metadata().withTitle(input.getTitle() + "-denoised");
        ImagePlus output = ImagePlusImages.create(input.getBitDepth(), in.width(), in.height(), 1, 1, 1, metadata);
        TileFunction forward = batch -> network.forward(new ParameterStore(batch.getManager(), false),
                new NDList(batch), false).singletonOrThrow();
        TileSpec tiles = new TileSpec(256, ResidualDenoiser.receptiveFieldRadius(DEPTH), 16, 1);
        new TiledProcessor(tiles, 1, 1, device.device()).process(in, ImagePlusImages.wrap(output),
                range.normalizing(), range.denormalizing(), forward, new TaskMonitor() {
                    @Override
                    public void progress(long done, long total, String message) {
                        log("Denoising: " + message);
                    }

                    @Override
                    public boolean isCancelled() {
                        return false;
                    }
                });
        return output;
    }

    private static Result writeResults(Path out, float[] clean, ImagePlus noisy, ImagePlus denoised)
            throws IOException {
        ImagePlus truth = new ImagePlus("ground-truth", new FloatProcessor(TEST_SIZE, TEST_SIZE, clean));
        FloatProcessor blurred = (FloatProcessor) noisy.getProcessor().convertToFloat();
        new GaussianBlur().blurGaussian(blurred, 1.5);
        float[] reference = clean;
        double dataRange = max(reference) - min(reference);
        Result result = new Result(psnr(reference, noisy, dataRange), Psnr.of(reference, (float[]) blurred.getPixels(),
                dataRange), psnr(reference, denoised, dataRange));
        log(String.format(Locale.ROOT, "PSNR against ground truth: noisy %.2f dB, Gaussian blur (sigma 1.5) %.2f dB,"
                + " trained denoiser %.2f dB", result.noisy(), result.blurred(), result.network()));
        ImageFiles.saveTiff(noisy, out.resolve("noisy.tif"));
        ImageFiles.saveTiff(denoised, out.resolve("denoised.tif"));
        ImageFiles.saveTiff(truth, out.resolve("ground-truth.tif"));
        ImageFiles.savePng(sideBySide(CAMERA_OFFSET, max(clean) * 0.9, noisy, denoised, truth),
                out.resolve("comparison.png"));
        log("Wrote noisy.tif, denoised.tif, ground-truth.tif and comparison.png (noisy | denoised | ground truth)");
        return result;
    }

    private static double psnr(float[] reference, ImagePlus image, double dataRange) {
        return Psnr.of(reference, (float[]) image.getProcessor().convertToFloat().getPixels(), dataRange);
    }

    /** Crops of the three images beside each other, on one shared display range. */
    private static ImagePlus sideBySide(double displayMin, double displayMax, ImagePlus... images) {
        int crop = 256;
        int gap = 4;
        ByteProcessor montage = new ByteProcessor(images.length * crop + (images.length - 1) * gap, crop);
        montage.setColor(255);
        montage.fill();
        for (int i = 0; i < images.length; i++) {
            ImageProcessor ip = images[i].getProcessor().duplicate();
            ip.setRoi(TEST_SIZE / 4, TEST_SIZE / 4, crop, crop);
            ImageProcessor part = ip.crop();
            part.setMinAndMax(displayMin, displayMax);
            montage.insert(part.convertToByte(true), i * (crop + gap), 0);
        }
        return new ImagePlus("comparison", montage);
    }

    private static ImagePlus toShortImage(float[] values, String title) {
        short[] pixels = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (short) Math.max(0, Math.min(65535, Math.round(values[i])));
        }
        return new ImagePlus(title, new ShortProcessor(TEST_SIZE, TEST_SIZE, pixels, null));
    }

    private static PlaneAccess plane(float[] image, int size) {
        return HyperImage.wrapXY(ArrayImgs.floats(image, size, size), "train").plane(0, 0, 0);
    }

    private static float max(float[] values) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static float min(float[] values) {
        float m = Float.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static void log(String message) {
        System.out.println("[imagej-gan] " + message);
    }
}
