package io.github.imagejgan.metrics;

import java.util.List;

import ij.measure.ResultsTable;

/** Evaluation scores as rows of an ImageJ results table, the same for the Fiji command and the macro bridge. */
public final class EvaluationTable {

    private EvaluationTable() {
    }

    /** Adds the overall row, and with {@code perPlane} one row per plane before it. */
    public static void add(ResultsTable table, String prediction, String truth, List<ImageEvaluation.Scores> scores,
            boolean perPlane) {
        for (ImageEvaluation.Scores s : scores) {
            if (perPlane || s.label().equals("all")) {
                table.incrementCounter();
                table.addValue("Prediction", prediction);
                table.addValue("Ground truth", truth);
                table.addValue("Plane", s.label());
                table.addValue("PSNR (dB)", s.psnr());
                table.addValue("SSIM", s.ssim());
                table.addValue("NRMSE", s.nrmse());
            }
        }
    }
}
