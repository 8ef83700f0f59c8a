package io.github.imagejgan.model;

import java.util.List;

/**
 * One step of the value processing a model declares around its network, as bioimage.io models do: preprocessing maps
 * image values to network inputs, postprocessing maps network outputs to result values. The names and formulas are
 * bioimage.io's, so that an imported model computes exactly what its authors specified.
 *
 * <p>Statistics (percentiles, mean, standard deviation) are taken per channel or over all channels together, and per
 * plane (bioimage.io's "per sample": each 2D plane of a stack is one sample) or over the whole image ("per dataset":
 * the image the user runs the model on is the dataset).
 */
public sealed interface ProcessingStep {

    /** bioimage.io's name of the step. */
    String id();

    /** True if the step needs statistics of the data it is applied to. */
    default boolean needsStatistics() {
        return false;
    }

    /** True if the step is an affine map of each value, {@code gain * v + offset}. */
    default boolean isLinear() {
        return true;
    }

    /**
     * {@code (v - low) / (high - low + eps)}, where low and high are the given percentiles.
     *
     * @param ofInput statistics of the raw input image rather than of the data itself (postprocessing with a
     *                {@code reference_tensor} naming the input)
     */
    record ScaleRange(double minPercentile, double maxPercentile, double eps, boolean perChannel, boolean perSample,
            boolean ofInput) implements ProcessingStep {

        public ScaleRange {
            if (!(minPercentile >= 0 && minPercentile < maxPercentile && maxPercentile <= 100)) {
                throw new ModelFormatException("scale_range needs 0 <= min_percentile < max_percentile <= 100, got "
                        + minPercentile + " and " + maxPercentile + ".");
            }
            requirePositive(eps, "scale_range");
        }

        @Override
        public String id() {
            return "scale_range";
        }

        @Override
        public boolean needsStatistics() {
            return true;
        }
    }

    /** {@code (v - mean) / (std + eps)} with the population standard deviation of the data. */
    record ZeroMeanUnitVariance(double eps, boolean perChannel, boolean perSample) implements ProcessingStep {

        public ZeroMeanUnitVariance {
            requirePositive(eps, "zero_mean_unit_variance");
        }

        @Override
        public String id() {
            return "zero_mean_unit_variance";
        }

        @Override
        public boolean needsStatistics() {
            return true;
        }
    }

    /** {@code (v - mean) / (std + eps)} with given values: one for all channels, or one per channel. */
    record FixedZeroMeanUnitVariance(List<Double> mean, List<Double> std, double eps) implements ProcessingStep {

        public FixedZeroMeanUnitVariance {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
            if (mean.isEmpty() || mean.size() != std.size()) {
                throw new ModelFormatException("fixed_zero_mean_unit_variance needs as many std as mean values, got "
                        + mean + " and " + std + ".");
            }
            for (double s : std) {
                if (!(s + eps > 0)) {
                    throw new ModelFormatException("fixed_zero_mean_unit_variance needs positive std, got " + std
                            + ".");
                }
            }
        }

        @Override
        public String id() {
            return "fixed_zero_mean_unit_variance";
        }

        /** Values for channel c. */
        public double gain(int c) {
            return 1 / (std.get(std.size() == 1 ? 0 : c) + eps);
        }

        public double offset(int c) {
            return -mean.get(mean.size() == 1 ? 0 : c) * gain(c);
        }
    }

    /** {@code gain * v + offset}: one pair for all channels, or one per channel. */
    record ScaleLinear(List<Double> gain, List<Double> offset) implements ProcessingStep {

        public ScaleLinear {
            gain = List.copyOf(gain);
            offset = List.copyOf(offset);
            if (gain.isEmpty() || gain.size() != offset.size()) {
                throw new ModelFormatException("scale_linear needs as many offset as gain values, got " + gain
                        + " and " + offset + ".");
            }
        }

        @Override
        public String id() {
            return "scale_linear";
        }

        public double gain(int c) {
            return gain.get(gain.size() == 1 ? 0 : c);
        }

        public double offset(int c) {
            return offset.get(offset.size() == 1 ? 0 : c);
        }
    }

    /** Values below min become min, above max become max. */
    record Clip(double min, double max) implements ProcessingStep {

        public Clip {
            if (!(min <= max)) {
                throw new ModelFormatException("clip needs min <= max, got " + min + " and " + max + ".");
            }
        }

        @Override
        public String id() {
            return "clip";
        }

        @Override
        public boolean isLinear() {
            return false;
        }
    }

    /** The logistic function {@code 1 / (1 + exp(-v))}. */
    record Sigmoid() implements ProcessingStep {

        @Override
        public String id() {
            return "sigmoid";
        }

        @Override
        public boolean isLinear() {
            return false;
        }
    }

    /** 1 where the value is above the threshold (one for all channels, or one per channel), 0 elsewhere. */
    record Binarize(List<Double> threshold) implements ProcessingStep {

        public Binarize {
            threshold = List.copyOf(threshold);
            if (threshold.isEmpty()) {
                throw new ModelFormatException("binarize needs a threshold.");
            }
        }

        @Override
        public String id() {
            return "binarize";
        }

        @Override
        public boolean isLinear() {
            return false;
        }

        public double threshold(int c) {
            return threshold.get(threshold.size() == 1 ? 0 : c);
        }
    }

    /**
     * A cast to a NumPy data type: nothing for floating-point types; for integer types values are truncated toward
     * zero and clamped to the type's range, as NumPy's {@code astype} does for values in range; {@code bool} maps
     * every non-zero value to 1.
     */
    record EnsureDtype(String dtype) implements ProcessingStep {

        public EnsureDtype {
            if (range(dtype) == null && !"bool".equals(dtype) && !isFloat(dtype)) {
                throw new ModelFormatException("ensure_dtype: unknown data type '" + dtype + "'.");
            }
        }

        @Override
        public String id() {
            return "ensure_dtype";
        }

        @Override
        public boolean isLinear() {
            return isFloat(dtype);
        }

        public static boolean isFloat(String dtype) {
            return "float32".equals(dtype) || "float64".equals(dtype);
        }

        /** The smallest and largest value of an integer type, or null for other types. */
        public static double[] range(String dtype) {
            if (dtype == null) {
                return null;
            }
            return switch (dtype) {
            case "uint8" -> new double[] { 0, 255 };
            case "int8" -> new double[] { -128, 127 };
            case "uint16" -> new double[] { 0, 65535 };
            case "int16" -> new double[] { -32768, 32767 };
            case "uint32" -> new double[] { 0, 4294967295.0 };
            case "int32" -> new double[] { Integer.MIN_VALUE, Integer.MAX_VALUE };
            case "uint64" -> new double[] { 0, 18446744073709551615.0 };
            case "int64" -> new double[] { Long.MIN_VALUE, Long.MAX_VALUE };
            default -> null;
            };
        }
    }

    private static void requirePositive(double eps, String step) {
        if (!(eps > 0)) {
            throw new ModelFormatException(step + " needs a positive eps, got " + eps + ".");
        }
    }
}
