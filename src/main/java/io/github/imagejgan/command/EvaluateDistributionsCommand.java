package io.github.imagejgan.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.measure.ResultsTable;
import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.metrics.distribution.DistributionEvaluation;
import io.github.imagejgan.metrics.distribution.DistributionScores;
import io.github.imagejgan.metrics.distribution.DistributionTable;
import io.github.imagejgan.metrics.distribution.FeatureExtractor;
import io.github.imagejgan.metrics.distribution.FeatureNetworks;
import io.github.imagejgan.metrics.distribution.InceptionScore;
import io.github.imagejgan.metrics.distribution.NetworkWeights;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.UserException;

/**
 * Plugins › GAN › Evaluate Distributions…: FID, KID and the Inception score of a folder of generated images against
 * a folder of real ones, in a results table (and a CSV file when asked). For results without a ground truth, such as
 * style translation; the Evaluate command compares a result with its ground truth pixel by pixel.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Evaluate Distributions...", headless = true,
        description = "Compare folders of real and generated images: FID, KID, Inception score")
public class EvaluateDistributionsCommand extends ContextCommand {

    static final String IMAGENET = "Xception, ImageNet weights";
    static final String FILE = "Network file...";

    @Parameter(label = "Real images (folder)", style = FileWidget.DIRECTORY_STYLE)
    private File real;

    @Parameter(label = "Generated images (folder)", style = FileWidget.DIRECTORY_STYLE)
    private File generated;

    @Parameter(label = "FID")
    private boolean fid = true;

    @Parameter(label = "KID")
    private boolean kid = true;

    @Parameter(label = "Inception score", description = "Of each folder on its own; means little for microscopy")
    private boolean inceptionScore = false;

    @Parameter(label = "Feature network", choices = { IMAGENET, FILE })
    private String network = IMAGENET;

    @Parameter(label = "Network file", required = false, style = "extensions:zip",
            description = "A Deeplearning4j network like the zoo's Xception, used with 'Network file...'")
    private File networkFile;

    @Parameter(label = "Download the ImageNet weights if needed (once, roughly 90 MB)")
    private boolean download = false;

    @Parameter(label = "Network input size", min = "71",
            description = "Images are resized to this square; 299 is what Xception was trained on")
    private int inputSize = FeatureNetworks.DEFAULT_INPUT_SIZE;

    @Parameter(label = "KID subsets", min = "1")
    private int kidSubsets = 100;

    @Parameter(label = "KID subset size", min = "2")
    private int kidSubsetSize = 1000;

    @Parameter(label = "Random seed (KID subsets)")
    private long seed = 0;

    @Parameter(label = "Batch size", min = "1", description = "Images per network run; fewer need less memory")
    private int batchSize = 8;

    @Parameter(label = "Save as CSV", required = false, style = FileWidget.SAVE_STYLE)
    private File csv;

    @Parameter(type = ItemIO.OUTPUT)
    private ResultsTable table;

    @Parameter
    private LogService log;

    @Parameter(required = false)
    private StatusService status;

    @Override
    public void run() {
        try {
            DistributionEvaluation.Settings settings = new DistributionEvaluation.Settings(fid, kid, inceptionScore,
                    kidSubsets, kidSubsetSize, InceptionScore.DEFAULT_SPLITS, seed, batchSize);
            List<Path> realFiles = DistributionEvaluation.images(path(real), "real");
            List<Path> generatedFiles = DistributionEvaluation.images(path(generated), "generated");
            CommandMonitor monitor = new CommandMonitor(status);
            DistributionScores scores;
            try (FeatureExtractor extractor = FeatureNetworks.open(weights(), inputSize, monitor, log::info)) {
                scores = DistributionEvaluation.evaluate(realFiles, generatedFiles, extractor, settings, monitor,
                        log::info);
            }
            table = new ResultsTable();
            DistributionTable.add(table, scores, real.getName(), generated.getName());
            if (csv != null) {
                String text = DistributionTable.csv(scores, real.getPath(), generated.getPath());
                AtomicFiles.write(csv.toPath(), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
            }
            if (!GraphicsEnvironment.isHeadless()) {
                table.show("GAN distribution metrics");
            }
        } catch (CancelledException e) {
            cancel(e.getMessage());
        } catch (IOException | RuntimeException e) {
            CommandFailure.cancel(this, log, e);
        }
    }

    private NetworkWeights weights() {
        if (!FILE.equals(network)) {
            return NetworkWeights.imageNet(download);
        }
        if (networkFile == null) {
            throw new UserException("Choose the network file (.zip), or the ImageNet weights.");
        }
        return NetworkWeights.file(networkFile.toPath());
    }

    private static Path path(File folder) {
        return folder == null ? null : folder.toPath();
    }
}
