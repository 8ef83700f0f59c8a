package io.github.imagejgan.metrics.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * Compares a folder of generated images with a folder of real ones through the distributions of their features:
 * FID, KID and the Inception score. The two folders need not hold the same images, the same number of them, or
 * images of the same size: nothing is paired, which is what makes these metrics fit unpaired style translation.
 */
public final class DistributionEvaluation {

    public static final String FID = "FID";
    public static final String KID = "KID";
    public static final String IS_GENERATED = "IS (generated)";
    public static final String IS_REAL = "IS (real)";

    /**
     * What to compute, and how.
     *
     * @param fid            Fréchet distance of the features
     * @param kid            kernel distance of the features
     * @param inceptionScore Inception score of each set (needs a classifier head)
     * @param kidSubsets     random subsets KID is averaged over
     * @param kidSubsetSize  samples per KID subset; smaller sets use all their samples
     * @param isSplits       splits the Inception score is averaged over; smaller sets use one split per sample
     * @param seed           for the KID subsets
     * @param batchSize      images per network run; more is faster and takes more memory
     */
    public record Settings(boolean fid, boolean kid, boolean inceptionScore, int kidSubsets, int kidSubsetSize,
            int isSplits, long seed, int batchSize) {

        public Settings {
            if (!fid && !kid && !inceptionScore) {
                throw new UserException("Choose at least one of FID, KID and the Inception score.");
            }
            if (kidSubsets < 1 || kidSubsetSize < 2 || isSplits < 1 || batchSize < 1) {
                throw new UserException("KID needs at least 1 subset of at least 2 samples, the Inception "
                        + "score at least 1 split, and a batch at least 1 image; got " + kidSubsets + ", "
                        + kidSubsetSize + ", " + isSplits + ", " + batchSize + ".");
            }
        }

        /** All three metrics with the reference implementations' defaults, seed 0, batches of 8. */
        public static Settings defaults() {
            return new Settings(true, true, true, KernelInceptionDistance.DEFAULT_SUBSETS,
                    KernelInceptionDistance.DEFAULT_SUBSET_SIZE, InceptionScore.DEFAULT_SPLITS, 0, 8);
        }
    }

    private DistributionEvaluation() {
    }

    /**
     * The image files of a folder (not its sub-folders), to check before the network is loaded.
     *
     * @param which "real" or "generated", for the message when there are none
     */
    public static List<Path> images(Path folder, String which) throws IOException {
        if (folder == null) {
            throw new UserException("Choose the folder of " + which + " images.");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("The folder of " + which + " images, " + folder + ", does not exist.");
        }
        List<Path> files = ImageFiles.list(folder);
        if (files.isEmpty()) {
            throw new IOException("No images in the folder of " + which + " images, " + folder
                    + " (TIFF, PNG, JPEG, ...).");
        }
        return files;
    }

    /**
     * @param realFiles      image files of real images ({@link #images})
     * @param generatedFiles image files of generated images
     * @param monitor        progress over the files, and cancellation
     * @param log            a line per stage
     */
    public static DistributionScores evaluate(List<Path> realFiles, List<Path> generatedFiles,
            FeatureExtractor network, Settings settings, TaskMonitor monitor, Consumer<String> log)
            throws IOException {
        if (settings.inceptionScore() && !network.hasClassifier()) {
            throw new UserException("The Inception score needs a network with a classifier head; "
                    + network.description() + " has none. Leave the Inception score out.");
        }
        Progress progress = new Progress(monitor, realFiles.size() + generatedFiles.size());
        log.accept("Feature network: " + network.description());
        FeatureExtractor.Output realFeatures = features(realFiles, network, settings.batchSize(), progress);
        FeatureExtractor.Output generatedFeatures = features(generatedFiles, network, settings.batchSize(), progress);
        int nReal = realFeatures.features().length;
        int nGenerated = generatedFeatures.features().length;
        log.accept("Features of " + nReal + " real and " + nGenerated + " generated samples (planes).");
        if ((settings.fid() || settings.kid()) && (nReal < 2 || nGenerated < 2)) {
            throw new UserException("FID and KID need at least two samples in each folder; found "
                    + nReal + " real and " + nGenerated + " generated.");
        }
        List<DistributionScores.Row> rows = new ArrayList<>();
        if (settings.fid()) {
            monitor.progress(progress.total, progress.total, "Computing FID");
            double fid = FrechetDistance.between(realFeatures.features(), generatedFeatures.features());
            rows.add(new DistributionScores.Row(FID, fid, Double.NaN, nReal + " real vs " + nGenerated
                    + " generated samples"));
        }
        if (settings.kid()) {
            monitor.progress(progress.total, progress.total, "Computing KID");
            int m = Math.min(settings.kidSubsetSize(), Math.min(nReal, nGenerated));
            Estimate kid = KernelInceptionDistance.between(realFeatures.features(), generatedFeatures.features(), m,
                    settings.kidSubsets(), settings.seed());
            rows.add(new DistributionScores.Row(KID, kid.value(), kid.std(), settings.kidSubsets() + " subsets of "
                    + m + " (seed " + settings.seed() + ")"));
        }
        if (settings.inceptionScore()) {
            rows.add(inceptionScore(IS_GENERATED, generatedFeatures, settings.isSplits()));
            rows.add(inceptionScore(IS_REAL, realFeatures, settings.isSplits()));
        }
        return new DistributionScores(rows, realFiles.size(), generatedFiles.size(), nReal, nGenerated,
                network.description());
    }

    private static DistributionScores.Row inceptionScore(String metric, FeatureExtractor.Output output, int splits) {
        int n = output.probabilities().length;
        int s = Math.min(splits, n);
        Estimate is = InceptionScore.of(output.probabilities(), s);
        return new DistributionScores.Row(metric, is.value(), is.std(), s + " splits of " + n + " samples");
    }

    /** Runs the network over the samples of all files, a batch at a time. */
    private static FeatureExtractor.Output features(List<Path> files, FeatureExtractor network, int batchSize,
            Progress progress) throws IOException {
        int size = network.inputSize();
        int length = 3 * size * size;
        List<double[]> features = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        float[] batch = new float[batchSize * length];
        int inBatch = 0;
        for (Path file : files) {
            progress.next("Features of " + file.getFileName());
            List<float[]> samples;
            try {
                samples = ImageSamples.of(file, size);
            } catch (RuntimeException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            for (float[] sample : samples) {
                System.arraycopy(sample, 0, batch, inBatch * length, length);
                inBatch++;
                if (inBatch == batchSize) {
                    run(network, batch, inBatch, features, probabilities);
                    inBatch = 0;
                    progress.checkCancelled();
                }
            }
        }
        if (inBatch > 0) {
            run(network, batch, inBatch, features, probabilities);
        }
        return new FeatureExtractor.Output(features.toArray(double[][]::new), network.hasClassifier()
                ? probabilities.toArray(double[][]::new) : null);
    }

    private static void run(FeatureExtractor network, float[] batch, int count, List<double[]> features,
            List<double[]> probabilities) {
        FeatureExtractor.Output out = network.run(batch, count);
        features.addAll(List.of(out.features()));
        if (out.hasProbabilities()) {
            probabilities.addAll(List.of(out.probabilities()));
        }
    }

    /** Files done out of all, for the monitor. */
    private static final class Progress {

        private final TaskMonitor monitor;
        private final long total;
        private long done;

        Progress(TaskMonitor monitor, long total) {
            this.monitor = monitor;
            this.total = total;
        }

        void next(String message) {
            monitor.checkCancelled();
            monitor.progress(done++, total, message);
        }

        void checkCancelled() {
            monitor.checkCancelled();
        }
    }
}
