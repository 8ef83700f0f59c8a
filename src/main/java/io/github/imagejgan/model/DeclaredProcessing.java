package io.github.imagejgan.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The value processing a model declares around its network (bioimage.io's {@code preprocessing} and
 * {@code postprocessing}), which replaces the percentile normalization of models trained here.
 *
 * <p>Two rules keep the steps computable tile by tile with exact results: in preprocessing, a step that needs
 * statistics must not follow a non-linear step (its statistics would have to be taken over a non-linearly mapped
 * copy of the image); in postprocessing, statistics can only come from the input image, because the output does not
 * exist as a whole before its tiles are written.
 *
 * @param preprocessing  image values to network inputs, in order
 * @param postprocessing network outputs to result values, in order
 */
public record DeclaredProcessing(List<ProcessingStep> preprocessing, List<ProcessingStep> postprocessing) {

    public DeclaredProcessing {
        preprocessing = List.copyOf(preprocessing == null ? List.of() : preprocessing);
        postprocessing = List.copyOf(postprocessing == null ? List.of() : postprocessing);
        List<String> problems = problems(preprocessing, postprocessing);
        if (!problems.isEmpty()) {
            throw new ModelFormatException("Unsupported processing: " + String.join("; ", problems) + ".");
        }
    }

    /** Why these steps cannot run here (empty if they can). */
    public static List<String> problems(List<ProcessingStep> preprocessing, List<ProcessingStep> postprocessing) {
        List<String> problems = new ArrayList<>();
        boolean nonLinear = false;
        for (ProcessingStep step : preprocessing) {
            if (step.needsStatistics() && nonLinear) {
                problems.add("preprocessing " + step.id() + " after a non-linear step");
            }
            if (step instanceof ProcessingStep.ScaleRange s && s.ofInput()) {
                problems.add("preprocessing scale_range with a reference tensor");
            }
            nonLinear |= !step.isLinear();
        }
        for (ProcessingStep step : postprocessing) {
            if (step instanceof ProcessingStep.ScaleRange s && !s.ofInput()) {
                problems.add("postprocessing scale_range over the output itself (needs statistics of the whole "
                        + "output before any tile can be written)");
            }
            if (step instanceof ProcessingStep.ZeroMeanUnitVariance) {
                problems.add("postprocessing zero_mean_unit_variance over the output itself (needs statistics of "
                        + "the whole output before any tile can be written)");
            }
        }
        return problems;
    }

    /**
     * Checks that per-channel values fit the network's channels.
     *
     * @throws ModelFormatException otherwise
     */
    void checkChannels(int inputChannels, int outputChannels) {
        for (ProcessingStep step : preprocessing) {
            checkChannels(step, inputChannels, "preprocessing");
        }
        for (ProcessingStep step : postprocessing) {
            checkChannels(step, outputChannels, "postprocessing");
            if (step instanceof ProcessingStep.ScaleRange s && s.ofInput() && s.perChannel()
                    && inputChannels != outputChannels) {
                throw new ModelFormatException("postprocessing scale_range per channel of the input needs as many "
                        + "output as input channels, got " + outputChannels + " and " + inputChannels + ".");
            }
        }
    }

    private static void checkChannels(ProcessingStep step, int channels, String where) {
        int values = 1;
        if (step instanceof ProcessingStep.ScaleLinear s) {
            values = s.gain().size();
        } else if (step instanceof ProcessingStep.FixedZeroMeanUnitVariance f) {
            values = f.mean().size();
        } else if (step instanceof ProcessingStep.Binarize b) {
            values = b.threshold().size();
        }
        if (values != 1 && values != channels) {
            throw new ModelFormatException(where + " " + step.id() + " gives " + values + " values for a tensor of "
                    + channels + " channels.");
        }
    }
}
