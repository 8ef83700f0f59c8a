package io.github.imagejgan.interop.bioimageio;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pre- and postprocessing steps of a tensor, in either format: known step names, the axes and reference tensors
 * their arguments name, and the arguments each step needs. Format 0.4 names a step {@code name} and its axes by a
 * string of letters; 0.5 names it {@code id} and its axes by a list of ids, and drops the modes of 0.4.
 */
final class ProcessingCheck {

    private static final Set<String> PRE_04 = Set.of("binarize", "clip", "scale_linear", "sigmoid",
            "zero_mean_unit_variance", "scale_range");
    private static final Set<String> POST_04 = SpecTerms.union(PRE_04, Set.of("scale_mean_variance"));
    private static final Set<String> PRE_05 = SpecTerms.union(PRE_04, Set.of("ensure_dtype"));
    private static final Set<String> POST_05 = SpecTerms.union(PRE_05, Set.of("fixed_zero_mean_unit_variance",
            "scale_mean_variance"));

    private final Problems problems;
    private final boolean v05;

    ProcessingCheck(Problems problems, boolean v05) {
        this.problems = problems;
        this.v05 = v05;
    }

    /**
     * Checks the steps of one tensor.
     *
     * @param steps   the tensor's {@code preprocessing} or {@code postprocessing}
     * @param input   whether the tensor is an input (which decides the steps allowed)
     * @param axisIds the tensor's axes, which the steps may name
     * @param tensors the tensors a step may take as its reference
     */
    void check(YamlValue steps, boolean input, Set<String> axisIds, Set<String> tensors) {
        Set<String> known = v05 ? input ? PRE_05 : POST_05 : input ? PRE_04 : POST_04;
        for (YamlValue step : problems.optionalList(steps, "list")) {
            YamlValue nameValue = step.get(v05 ? "id" : "name");
            String name = nameValue.string();
            if (name == null || !known.contains(name)) {
                problems.add(nameValue, name == null ? "required" : "unknown step " + name + " (known here: "
                        + new TreeSet<>(known) + ")");
                continue;
            }
            YamlValue kwargs = step.get("kwargs");
            if (!name.equals("sigmoid") && !kwargs.isMap()) {
                problems.add(kwargs, "required");
                continue;
            }
            axes(kwargs.get("axes"), axisIds);
            YamlValue reference = kwargs.get("reference_tensor");
            if (!reference.isMissing() && !tensors.contains(reference.string())) {
                problems.add(reference, "names tensor " + reference.string() + ", which is not allowed here");
            }
            YamlValue eps = kwargs.get("eps");
            if (!eps.isMissing() && (eps.number() == null || !(eps.number() > 0 && eps.number() <= 0.1))) {
                problems.add(eps, "must lie in (0, 0.1]");
            }
            arguments(name, kwargs);
        }
    }

    private void axes(YamlValue axes, Set<String> axisIds) {
        if (axes.isMissing()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        if (v05 && axes.list() != null) {
            axes.list().forEach(a -> ids.add(a.string()));
        } else if (!v05 && axes.string() != null) {
            ids.addAll(SpecTerms.letters(axes.string()));
        } else {
            problems.add(axes, v05 ? "must be a list of axis ids" : "must be a string of axis letters");
        }
        for (String a : ids) {
            if (!axisIds.contains(a)) {
                problems.add(axes, "names axis " + a + ", which the tensor does not have");
            }
        }
    }

    private void arguments(String name, YamlValue kwargs) {
        switch (name) {
        case "scale_range" -> scaleRange(kwargs);
        case "zero_mean_unit_variance" -> {
            if (!v05) {
                zeroMeanUnitVariance04(kwargs);
            }
        }
        case "fixed_zero_mean_unit_variance" -> fixedZeroMeanUnitVariance(kwargs);
        case "scale_linear" -> scaleLinear(kwargs);
        case "clip" -> clip(kwargs);
        case "binarize" -> {
            if (kwargs.get("threshold").numbers() == null) {
                problems.add(kwargs, "needs a threshold");
            }
        }
        case "ensure_dtype" -> {
            if (!SpecTerms.DTYPES.contains(String.valueOf(kwargs.get("dtype").string()))) {
                problems.add(kwargs.get("dtype"), "must be one of " + new TreeSet<>(SpecTerms.DTYPES));
            }
        }
        case "scale_mean_variance" -> {
            if (kwargs.get("reference_tensor").isMissing()) {
                problems.add(kwargs, "needs a reference_tensor");
            }
        }
        default -> {
            // sigmoid has no arguments
        }
        }
    }

    private void scaleRange(YamlValue kwargs) {
        double min = kwargs.get("min_percentile").number() == null ? 0 : kwargs.get("min_percentile").number();
        double max = kwargs.get("max_percentile").number() == null ? 100 : kwargs.get("max_percentile").number();
        if (!(min >= 0 && min < 100 && max > 1 && max <= 100 && min < max)) {
            problems.add(kwargs, "needs 0 <= min_percentile < max_percentile <= 100 (and max_percentile > 1)");
        }
        if (!v05 && !Set.of("per_sample", "per_dataset").contains(String.valueOf(kwargs.get("mode").string()))) {
            problems.add(kwargs.get("mode"), "must be per_sample or per_dataset");
        }
    }

    private void zeroMeanUnitVariance04(YamlValue kwargs) {
        String mode = kwargs.get("mode").string();
        if (mode != null && !Set.of("fixed", "per_sample", "per_dataset").contains(mode)) {
            problems.add(kwargs.get("mode"), "must be fixed, per_sample or per_dataset");
        }
        boolean fixed = mode == null || mode.equals("fixed");
        boolean given = kwargs.has("mean") || kwargs.has("std");
        if (fixed && (kwargs.get("mean").numbers() == null || kwargs.get("std").numbers() == null)) {
            problems.add(kwargs, "mode fixed needs mean and std");
        } else if (!fixed && given) {
            problems.add(kwargs, "mean and std are only allowed in mode fixed");
        }
    }

    private void fixedZeroMeanUnitVariance(YamlValue kwargs) {
        List<Double> mean = kwargs.get("mean").numbers();
        List<Double> std = kwargs.get("std").numbers();
        if (mean == null || std == null || mean.size() != std.size()) {
            problems.add(kwargs, "needs as many mean as std values");
        } else if (std.stream().anyMatch(s -> s < 1e-6)) {
            problems.add(kwargs.get("std"), "must be at least 1e-6");
        }
    }

    private void scaleLinear(YamlValue kwargs) {
        List<Double> gain = kwargs.has("gain") ? kwargs.get("gain").numbers() : List.of(1.0);
        List<Double> offset = kwargs.has("offset") ? kwargs.get("offset").numbers() : List.of(0.0);
        if (gain == null || offset == null) {
            problems.add(kwargs, "gain and offset must be numbers or lists of numbers");
        } else if (gain.stream().allMatch(g -> g == 1.0) && offset.stream().allMatch(o -> o == 0.0)) {
            problems.add(kwargs, "a scaling with gain 1 and offset 0 is redundant");
        }
    }

    private void clip(YamlValue kwargs) {
        Double min = kwargs.get("min").number();
        Double max = kwargs.get("max").number();
        if (min == null || max == null) {
            problems.add(kwargs, "needs min and max");
        } else if (min > max) {
            problems.add(kwargs, "min is larger than max");
        }
    }
}
