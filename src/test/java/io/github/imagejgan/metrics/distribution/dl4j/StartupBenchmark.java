package io.github.imagejgan.metrics.distribution.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.nd4j.linalg.factory.Nd4j;

import io.github.imagejgan.metrics.distribution.FeatureExtractor;
import io.github.imagejgan.metrics.distribution.FeatureNetworks;
import io.github.imagejgan.metrics.distribution.NetworkWeights;
import io.github.imagejgan.task.TaskMonitor;

/**
 * What a user waits for before the first feature vector, stage by stage, and the time per image after that:
 * ND4J's native start (with {@code cold}, from an empty JavaCPP cache, as on a machine's first run), opening a
 * Xception network file of the ImageNet file's size, and running it. The weights are random (this machine has no
 * internet for the zoo's file) and saved first, so that opening goes through the same code as the real file.
 *
 * <p>Arguments: input size (299), images for the steady-state timing (4), {@code cold} or {@code warm}.
 * {@code scripts/bench/distribution-startup.sh} runs it.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        int size = args.length > 0 ? Integer.parseInt(args[0]) : FeatureNetworks.DEFAULT_INPUT_SIZE;
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        boolean cold = args.length > 2 && args[2].equals("cold");
        Path work = Files.createTempDirectory("startup-benchmark");
        try {
            if (cold) {
                // Read by JavaCPP when it first extracts a native library: nothing is cached there yet.
                System.setProperty("org.bytedeco.javacpp.cachedir", work.resolve("javacpp").toString());
            }
            Nd4j.create(1);
            long nd4j = System.nanoTime();
            report("ND4J native start" + (cold ? " (empty JavaCPP cache)" : ""), start, nd4j);
            if (cold) {
                System.out.printf(Locale.ROOT, "native libraries extracted: %.0f MB%n", size(work.resolve("javacpp"))
                        / 1e6);
            }

            Path file = work.resolve("xception.zip");
            org.deeplearning4j.util.ModelSerializer.writeModel(org.deeplearning4j.zoo.model.Xception.builder()
                    .seed(1).numClasses(1000).inputShape(new int[] { 3, size, size }).build().init(), file.toFile(),
                    false);
            System.out.printf(Locale.ROOT, "network file: %.1f MB (not counted)%n", Files.size(file) / 1e6);

            long open = System.nanoTime();
            try (FeatureExtractor network = FeatureNetworks.open(NetworkWeights.file(file), size, TaskMonitor.NONE,
                    s -> {
                    })) {
                long opened = System.nanoTime();
                report("open the network file", open, opened);
                float[] batch = new float[images * 3 * size * size];
                java.util.Random random = new java.util.Random(1);
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = random.nextFloat();
                }
                network.run(batch, 1);
                long first = System.nanoTime();
                report("first feature vector", opened, first);
                System.out.printf(Locale.ROOT, "time to first feature vector: %.1f s (ND4J start + open + first"
                        + " run)%n", (nd4j - start + first - open) / 1e9);
                long steady = System.nanoTime();
                network.run(batch, images);
                System.out.printf(Locale.ROOT, "then %.2f s per image at %d x %d (batch of %d), %d CPU cores%n",
                        (System.nanoTime() - steady) / 1e9 / images, size, size, images,
                        Runtime.getRuntime().availableProcessors());
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        System.exit(0);
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long bytes = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(p);
            }
            return bytes;
        }
    }

    private static void report(String stage, long from, long to) {
        System.out.printf(Locale.ROOT, "%-40s %6.1f s%n", stage, (to - from) / 1e9);
    }
}
