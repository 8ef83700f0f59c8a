package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.metrics.distribution.DistributionEvaluation;
import io.github.imagejgan.metrics.distribution.DistributionScores;
import io.github.imagejgan.metrics.distribution.DistributionTable;
import io.github.imagejgan.metrics.distribution.FeatureExtractor;
import io.github.imagejgan.metrics.distribution.FeatureNetworks;
import io.github.imagejgan.metrics.distribution.InceptionScore;
import io.github.imagejgan.metrics.distribution.KernelInceptionDistance;
import io.github.imagejgan.metrics.distribution.NetworkWeights;
import io.github.imagejgan.task.TaskMonitor;

/**
 * {@code evaluate --real DIR --generated DIR}: FID, KID and the Inception score of a folder of generated images
 * against a folder of real ones, printed as CSV and optionally written to a file. Without metric flags it computes
 * FID and KID. The pixel-wise {@code evaluate --prediction --truth} is {@link EvaluateSubcommand}; {@link #handles}
 * tells the two apart.
 */
final class DistributionEvaluateSubcommand {

    static final String HELP = """
            evaluate --real DIR --generated DIR [--fid] [--kid] [--is] [--network FILE | --download-weights]
                     [--input-size 299] [--batch 8] [--kid-subsets 100] [--kid-subset-size 1000] [--is-splits 10]
                     [--seed 0] [--csv FILE]""";

    private final PrintStream out;

    DistributionEvaluateSubcommand(PrintStream out) {
        this.out = out;
    }

    static Set<String> flags() {
        return Set.of("fid", "kid", "is", "download-weights");
    }

    /** Whether the arguments after {@code evaluate} ask for this command rather than the pixel-wise one. */
    static boolean handles(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("--real") || a.equals("--generated")
                || a.startsWith("--real=") || a.startsWith("--generated="));
    }

    int run(CommandLine args) throws IOException {
        Path real = Path.of(args.required("real"));
        Path generated = Path.of(args.required("generated"));
        boolean anyMetric = args.flag("fid") || args.flag("kid") || args.flag("is");
        boolean fid = args.flag("fid") || !anyMetric;
        boolean kid = args.flag("kid") || !anyMetric;
        boolean inceptionScore = args.flag("is");
        Path networkFile = args.path("network");
        boolean download = args.flag("download-weights");
        int inputSize = args.integer("input-size", FeatureNetworks.DEFAULT_INPUT_SIZE);
        int batch = args.integer("batch", 8);
        int subsets = args.integer("kid-subsets", KernelInceptionDistance.DEFAULT_SUBSETS);
        int subsetSize = args.integer("kid-subset-size", KernelInceptionDistance.DEFAULT_SUBSET_SIZE);
        int splits = args.integer("is-splits", InceptionScore.DEFAULT_SPLITS);
        long seed = args.longValue("seed", 0);
        Path csv = args.path("csv");
        args.rejectUnknown();
        if (networkFile != null && download) {
            throw new UsageException("--download-weights is for the ImageNet weights; leave it out with --network.");
        }
        DistributionEvaluation.Settings settings;
        try {
            settings = new DistributionEvaluation.Settings(fid, kid, inceptionScore, subsets, subsetSize, splits,
                    seed, batch);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<Path> realFiles = DistributionEvaluation.images(real, "real");
        List<Path> generatedFiles = DistributionEvaluation.images(generated, "generated");
        NetworkWeights weights = networkFile != null ? NetworkWeights.file(networkFile)
                : NetworkWeights.imageNet(download);
        TaskMonitor monitor = new ConsoleProgress(out);
        DistributionScores scores;
        try (FeatureExtractor network = FeatureNetworks.open(weights, inputSize, monitor, this::log)) {
            scores = DistributionEvaluation.evaluate(realFiles, generatedFiles, network, settings, monitor,
                    this::log);
        }
        String table = DistributionTable.csv(scores, real.toString(), generated.toString());
        out.print(table);
        if (csv != null) {
            AtomicFiles.write(csv, tmp -> Files.writeString(tmp, table, StandardCharsets.UTF_8));
        }
        return 0;
    }

    private void log(String line) {
        out.println("[imagej-gan] " + line);
    }

    /** At most one progress line a second: a download reports every block, feature extraction every file. */
    private static final class ConsoleProgress implements TaskMonitor {

        private final PrintStream out;
        private long last;

        ConsoleProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void progress(long done, long total, String message) {
            long now = System.nanoTime();
            if (last == 0 || now - last >= 1_000_000_000L || done >= total) {
                last = now;
                out.println("[imagej-gan] " + message + " (" + Math.min(done, total) + "/" + total + ")");
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
