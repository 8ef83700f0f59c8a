package io.github.imagejgan.interop.bioimageio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ProcessingStep;

/**
 * Reads a tensor's pre- or postprocessing steps into {@link ProcessingStep}s, adding a reason for each step that
 * cannot run here; what differs between format versions (step names, statistics axes and modes) comes from the
 * {@link FormatReader}.
 */
final class ProcessingReader {

    private final FormatReader format;
    private final List<String> reasons;

    ProcessingReader(FormatReader format, List<String> reasons) {
        this.format = format;
        this.reasons = reasons;
    }

    /**
     * @param steps   the tensor's {@code preprocessing} or {@code postprocessing}
     * @param axes    the tensor's axes
     * @param tensor  its id
     * @param pre     whether these are preprocessing steps
     * @param inputId the input's id, which a postprocessing step may take as its reference
     */
    List<ProcessingStep> read(YamlValue steps, List<FormatReader.Axis> axes, String tensor, boolean pre,
            String inputId) {
        List<ProcessingStep> result = new ArrayList<>();
        if (steps.isMissing()) {
            return result;
        }
        List<YamlValue> list = steps.list();
        if (list == null) {
            reasons.add(steps.path() + " is not a list.");
            return result;
        }
        Step context = new Step((pre ? "preprocessing" : "postprocessing") + " of " + tensor,
                FormatReader.axisLetters(axes), pre, tensor, inputId);
        for (YamlValue step : list) {
            String name = step.get(format.nameKey()).string();
            try {
                ProcessingStep converted = step(name, step.get("kwargs"), context);
                if (converted != null) {
                    result.add(converted);
                }
            } catch (ModelFormatException e) {
                reasons.add(context.where + ": " + e.getMessage());
            }
        }
        return result;
    }

    /** Where the steps of one tensor are: for messages, axes, and which tensors they may refer to. */
    private record Step(String where, Map<String, Character> letters, boolean pre, String tensor, String inputId) {

        boolean hasBatch() {
            return letters.containsValue('b');
        }
    }

    private ProcessingStep step(String name, YamlValue kwargs, Step s) {
        if (name == null) {
            reasons.add(s.where + " has a step without a name.");
            return null;
        }
        return switch (name) {
        case "scale_range" -> scaleRange(kwargs, s);
        case "zero_mean_unit_variance" -> zeroMeanUnitVariance(kwargs, s);
        case "fixed_zero_mean_unit_variance" -> fixedZeroMeanUnitVariance(kwargs, s);
        case "scale_linear" -> scaleLinear(kwargs, s);
        case "clip" -> new ProcessingStep.Clip(number(kwargs, "min", Double.NEGATIVE_INFINITY),
                number(kwargs, "max", Double.POSITIVE_INFINITY));
        case "sigmoid" -> new ProcessingStep.Sigmoid();
        case "binarize" -> binarize(kwargs, s);
        case "ensure_dtype" -> new ProcessingStep.EnsureDtype(kwargs.get("dtype").string());
        case "scale_mean_variance" -> {
            reasons.add("Unsupported " + s.where + ": scale_mean_variance (matching the output's mean and variance to "
                    + "another tensor needs statistics of the whole output before any tile can be written).");
            yield null;
        }
        default -> {
            reasons.add("Unsupported " + s.where + ": unknown step '" + name + "'.");
            yield null;
        }
        };
    }

    private ProcessingStep scaleRange(YamlValue kwargs, Step s) {
        FormatReader.Reduction r = format.reduction(kwargs, s.letters, s.hasBatch());
        String reference = kwargs.get("reference_tensor").string();
        boolean ofInput = reference != null && !reference.equals(s.tensor);
        if (ofInput && (s.pre || !reference.equals(s.inputId))) {
            reasons.add(s.where + ": scale_range refers to tensor " + reference + ", which is not the input.");
            return null;
        }
        return new ProcessingStep.ScaleRange(number(kwargs, "min_percentile", 0), number(kwargs, "max_percentile",
                100), number(kwargs, "eps", 1e-6), r.perChannel(), r.perSample(), ofInput);
    }

    private ProcessingStep zeroMeanUnitVariance(YamlValue kwargs, Step s) {
        String mode = kwargs.get("mode").string();
        double eps = number(kwargs, "eps", 1e-6);
        if (format.fixedMode(mode)) {
            List<Double> mean = kwargs.get("mean").numbers();
            List<Double> std = kwargs.get("std").numbers();
            if (mean == null || std == null) {
                reasons.add(s.where + ": zero_mean_unit_variance in mode fixed lacks mean or std.");
                return null;
            }
            return new ProcessingStep.FixedZeroMeanUnitVariance(mean, std, eps);
        }
        FormatReader.Reduction r = format.reduction(kwargs, s.letters, s.hasBatch());
        return new ProcessingStep.ZeroMeanUnitVariance(eps, r.perChannel(), r.perSample());
    }

    private ProcessingStep fixedZeroMeanUnitVariance(YamlValue kwargs, Step s) {
        alongChannels(kwargs, s);
        List<Double> mean = kwargs.get("mean").numbers();
        List<Double> std = kwargs.get("std").numbers();
        if (mean == null || std == null) {
            reasons.add(s.where + ": fixed_zero_mean_unit_variance lacks mean or std.");
            return null;
        }
        return new ProcessingStep.FixedZeroMeanUnitVariance(mean, std, 1e-6);
    }

    private ProcessingStep scaleLinear(YamlValue kwargs, Step s) {
        alongChannels(kwargs, s);
        List<Double> gain = kwargs.has("gain") ? kwargs.get("gain").numbers() : List.of(1.0);
        List<Double> offset = kwargs.has("offset") ? kwargs.get("offset").numbers() : List.of(0.0);
        if (gain == null || offset == null) {
            reasons.add(s.where + ": scale_linear has a gain or offset that is not a number or list of numbers.");
            return null;
        }
        if (gain.size() != offset.size()) {
            if (gain.size() == 1) {
                gain = Collections.nCopies(offset.size(), gain.get(0));
            } else if (offset.size() == 1) {
                offset = Collections.nCopies(gain.size(), offset.get(0));
            }
        }
        return new ProcessingStep.ScaleLinear(gain, offset);
    }

    private ProcessingStep binarize(YamlValue kwargs, Step s) {
        alongChannels(kwargs, s);
        List<Double> threshold = kwargs.get("threshold").numbers();
        if (threshold == null) {
            reasons.add(s.where + ": binarize lacks a threshold.");
            return null;
        }
        return new ProcessingStep.Binarize(threshold);
    }

    /** Per-axis values must run along the channel axis. */
    private void alongChannels(YamlValue kwargs, Step s) {
        String axis = kwargs.get("axis").string();
        if (axis != null && s.letters.get(axis) != null && s.letters.get(axis) != 'c') {
            reasons.add(s.where + ": values along axis " + axis + " (only per-channel values run here).");
        }
    }

    private static double number(YamlValue kwargs, String key, double otherwise) {
        Double v = kwargs.get(key).number();
        return v == null ? otherwise : v;
    }
}
