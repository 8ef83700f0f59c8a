package io.github.imagejgan.train;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.TileSpec;
import io.github.imagejgan.image.TilePlan;
import io.github.imagejgan.image.TiledProcessor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.TaskMonitor;
import net.imglib2.type.numeric.real.FloatType;

/**
 * GAN training step time (U-Net generator + 70x70 PatchGAN, batch 8, 128 x 128, 1 channel) and U-Net inference
 * through the bridge and tiling, for comparison with the same work in Python PyTorch
 * ({@code scripts/bench/training-step.sh} runs both). Not a test.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        int imageSize = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        UNetSpec unet = UNetSpec.restoration(1, 1);
        System.out.println("java-djl PyTorch " + Engine.getEngine("PyTorch").getVersion());
        TileSpec tiles = new TileSpec(256, unet.receptiveFieldRadius(), 0, unet.divisor());
        TilePlan plan = TilePlan.of(imageSize, imageSize, tiles, 1);
        int tile = plan.inputWidth();
        System.out.println("tile-input " + tile + " tiles " + plan.tileCount() + " image " + imageSize);
        try (NDManager manager = NDManager.newBaseManager()) {
            GradientMode.disableOnThisThread();
            Engine.getEngine("PyTorch").setRandomSeed(1);
            Block g = Networks.create(unet, manager);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray input = manager.randomUniform(0, 1, new Shape(1, 1, tile, tile));
            double plain = median(10, () -> {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = input.duplicate();
                    x.attach(scope);
                    g.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                }
            });
            System.out.printf("java-tile-ms %.2f%n", plain * 1e3);
            HyperImage<FloatType> image = HyperImage.createFloat(imageSize, imageSize, 1, 1, 1,
                    ImageMetadata.untitled("bench"));
            HyperImage<FloatType> out = HyperImage.createFloat(imageSize, imageSize, 1, 1, 1,
                    ImageMetadata.untitled("out"));
            fill(image);
            TiledProcessor processor = new TiledProcessor(tiles, 1, 1, Device.cpu());
            double tiled = median(3, () -> processor.process(image, out, LinearMap.IDENTITY, LinearMap.IDENTITY,
                    batch -> g.forward(new ParameterStore(batch.getManager(), false), new NDList(batch), false)
                            .singletonOrThrow(), TaskMonitor.NONE));
            System.out.printf("java-image-s %.3f%n", tiled);
            System.out.printf("java-image-mpix-per-s %.3f%n", (double) imageSize * imageSize / tiled / 1e6);
        }
        // Training after inference: inference is what users run in a fresh Fiji session.
        trainingStep(unet);
    }

    /** Prints the median full step and where its time goes. */
    private static void trainingStep(UNetSpec unet) {
        GanConfig config = GanConfig.pix2pix("bench", ModelTask.DENOISE, unet, 1000);
        Random random = new Random(1);
        float[] x = new float[8 * 128 * 128];
        float[] y = new float[8 * 128 * 128];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
            y[i] = random.nextFloat();
        }
        Shape shape = new Shape(8, 1, 128, 128);
        PatchBatch batch = new PatchBatch(x, shape, y, shape);
        PatchSource fixed = new PatchSource() {
            @Override
            public PatchBatch batch(long step) {
                return batch;
            }

            @Override
            public int inputChannels() {
                return 1;
            }

            @Override
            public int targetChannels() {
                return 1;
            }

            @Override
            public String description() {
                return "random";
            }
        };
        try (PairedGanTrainer trainer = PairedGanTrainer.create(config, fixed, List.of(), Device.cpu())) {
            System.out.printf("java-step-ms %.1f%n", median(10, trainer::trainOneStep) * 1e3);
            // Evenness: every step of a 100-step run against their median.
            double[] steps = new double[100];
            for (int i = 0; i < steps.length; i++) {
                long start = System.nanoTime();
                trainer.trainOneStep();
                steps[i] = (System.nanoTime() - start) / 1e6;
            }
            double[] sorted = steps.clone();
            Arrays.sort(sorted);
            double med = sorted[sorted.length / 2];
            System.out.printf("java-100-steps-ms median %.1f max %.1f over-1.5x-median %d%n", med,
                    sorted[sorted.length - 1], Arrays.stream(steps).filter(t -> t > 1.5 * med).count());
            double[] phases = new double[5];
            int repeats = 5;
            for (int i = 0; i < repeats; i++) {
                long closed;
                NDManager scope = trainer.manager.newSubManager();
                try {
                    NDArray input = scope.create(x, shape);
                    NDArray target = scope.create(y, shape);
                    long t0 = System.nanoTime();
                    PairedGanTrainer.GeneratorPhase g = trainer.generatorPhase(input, target);
                    long t1 = System.nanoTime();
                    trainer.network(PairedGanTrainer.GENERATOR).update(1e-4f, scope);
                    long t2 = System.nanoTime();
                    trainer.discriminatorPhase(input, target, g.fake());
                    long t3 = System.nanoTime();
                    trainer.network(PairedGanTrainer.DISCRIMINATOR).update(1e-4f, scope);
                    long t4 = System.nanoTime();
                    phases[0] += (t1 - t0) / 1e6 / repeats;
                    phases[1] += (t2 - t1) / 1e6 / repeats;
                    phases[2] += (t3 - t2) / 1e6 / repeats;
                    phases[3] += (t4 - t3) / 1e6 / repeats;
                } finally {
                    long t5 = System.nanoTime();
                    scope.close();
                    closed = System.nanoTime() - t5;
                }
                phases[4] += closed / 1e6 / repeats;
            }
            System.out.printf("java-phases-ms generator-forward-backward %.0f, generator-adam %.0f, "
                    + "discriminator-forward-backward %.0f, discriminator-adam %.0f, freeing the step's arrays %.0f%n",
                    phases[0], phases[1], phases[2], phases[3], phases[4]);
        }
    }

    private static void fill(HyperImage<FloatType> image) {
        Random random = new Random(2);
        for (FloatType p : net.imglib2.view.Views.flatIterable(image.xyczt())) {
            p.set(random.nextFloat());
        }
    }

    private static double median(int repeats, Runnable work) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }
}
