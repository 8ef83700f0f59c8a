package io.github.imagejgan.command;

import java.awt.GraphicsEnvironment;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.metrics.EvaluationTable;
import io.github.imagejgan.metrics.ImageEvaluation;
import io.github.imagejgan.task.Failures;
import io.github.imagejgan.task.UserException;

/**
 * Plugins › GAN › Evaluate…: PSNR, SSIM and NRMSE of a prediction against its ground truth, overall and
 * optionally per plane, in a results table.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Evaluate...", headless = true,
        description = "Compare a result with its ground truth: PSNR, SSIM, NRMSE")
public class EvaluateCommand extends ContextCommand {

    static final String NORMALIZED = "Percentile-normalized (CSBDeep / ZeroCostDL4Mic)";
    static final String RAW = "As they are";

    @Parameter(label = "Prediction")
    private ImagePlus prediction;

    @Parameter(label = "Ground truth")
    private ImagePlus truth;

    @Parameter(label = "Intensities", choices = { NORMALIZED, RAW })
    private String intensities = NORMALIZED;

    @Parameter(label = "One row per plane")
    private boolean perPlane = false;

    @Parameter(type = ItemIO.OUTPUT)
    private ResultsTable table;

    @Override
    public void run() {
        try {
            if (prediction == null || truth == null) {
                throw new UserException("Choose a prediction and a ground-truth image.");
            }
            List<ImageEvaluation.Scores> scores = ImageEvaluation.evaluate(ImagePlusImages.wrap(truth),
                    ImagePlusImages.wrap(prediction), RAW.equals(intensities) ? ImageEvaluation.Mode.RAW
                            : ImageEvaluation.Mode.NORMALIZED);
            table = new ResultsTable();
            EvaluationTable.add(table, prediction.getTitle(), truth.getTitle(), scores, perPlane);
            if (!GraphicsEnvironment.isHeadless()) {
                table.show("GAN evaluation");
            }
        } catch (RuntimeException e) {
            cancel(Failures.message(e));
        }
    }
}
