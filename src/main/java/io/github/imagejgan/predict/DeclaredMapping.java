package io.github.imagejgan.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.MeanStd;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.Percentiles;
import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.ProcessingStep;

/**
 * Turns a model's declared processing into the value mapping of each plane: statistics are measured on the image
 * (on the plane for per-sample steps, over the whole image for per-dataset ones), leading linear preprocessing
 * steps are folded into the per-channel maps applied while tiles are read, and everything else becomes element-wise
 * steps on the network's input and output batches.
 */
final class DeclaredMapping {

    private final DeclaredProcessing processing;
    private final HyperImage<?> image;
    private final int outputChannels;
    /** Per-dataset results of preprocessing steps, by step index: the same for every plane. */
    private final Map<Integer, Affine> datasetSteps = new HashMap<>();
    private final Map<Integer, Affine> datasetPostSteps = new HashMap<>();

    DeclaredMapping(DeclaredProcessing processing, HyperImage<?> image, int outputChannels) {
        this.processing = processing;
        this.image = image;
        this.outputChannels = outputChannels;
    }

    /** Per-channel {@code gain * v + offset}. */
    private record Affine(double[] gain, double[] offset) {

        static Affine of(int channels, IntToDoubleFunction gain,
                IntToDoubleFunction offset) {
            double[] g = new double[channels];
            double[] o = new double[channels];
            for (int c = 0; c < channels; c++) {
                g[c] = gain.applyAsDouble(c);
                o[c] = offset.applyAsDouble(c);
            }
            return new Affine(g, o);
        }

        /** The same map as a {@link LinearMap} ({@code (v - shift) * factor}), or null if a gain is 0. */
        LinearMap asLinearMap(int c) {
            return gain[c] == 0 ? null : new LinearMap((float) (-offset[c] / gain[c]), (float) gain[c]);
        }
    }

    ValueMapping forPlane(int z, int t) {
        int channels = image.channels();
        LinearMap[] maps = new LinearMap[channels];
        Arrays.fill(maps, LinearMap.IDENTITY);
        List<UnaryOperator<NDArray>> before = new ArrayList<>();
        boolean onTensor = false;
        boolean samePerPlane = true;
        List<ProcessingStep> pre = processing.preprocessing();
        for (int i = 0; i < pre.size(); i++) {
            ProcessingStep step = pre.get(i);
            if (step instanceof ProcessingStep.EnsureDtype e && ProcessingStep.EnsureDtype.isFloat(e.dtype())) {
                continue;
            }
            if (onTensor || !step.isLinear()) {
                onTensor = true;
                before.add(elementWise(step, channels, z, t));
                continue;
            }
            Affine affine;
            boolean perSample = isPerSample(step);
            if (!perSample && samePerPlane && datasetSteps.containsKey(i)) {
                affine = datasetSteps.get(i);
            } else {
                affine = affine(step, channels, maps, z, t);
                if (!perSample && samePerPlane) {
                    datasetSteps.put(i, affine);
                }
            }
            samePerPlane &= !perSample;
            LinearMap[] next = new LinearMap[channels];
            for (int c = 0; c < channels; c++) {
                next[c] = affine.asLinearMap(c);
            }
            if (Arrays.stream(next).anyMatch(m -> m == null)) {
                onTensor = true;
                before.add(tensorAffine(affine));
            } else {
                for (int c = 0; c < channels; c++) {
                    maps[c] = maps[c].then(next[c]);
                }
            }
        }
        List<UnaryOperator<NDArray>> after = new ArrayList<>();
        List<ProcessingStep> post = processing.postprocessing();
        for (int i = 0; i < post.size(); i++) {
            ProcessingStep step = post.get(i);
            if (step instanceof ProcessingStep.ScaleRange s) {
                // Statistics of the input image as given (validation allows no other source here).
                Affine affine = s.perSample() ? scaleRangeOfInput(s, z, t)
                        : datasetPostSteps.computeIfAbsent(i, k -> scaleRangeOfInput(s, z, t));
                after.add(tensorAffine(affine));
            } else {
                after.add(elementWise(step, outputChannels, z, t));
            }
        }
        return new ValueMapping(List.of(maps), chain(before), chain(after), LinearMap.IDENTITY);
    }

    private static boolean isPerSample(ProcessingStep step) {
        if (step instanceof ProcessingStep.ScaleRange s) {
            return s.perSample();
        }
        if (step instanceof ProcessingStep.ZeroMeanUnitVariance s) {
            return s.perSample();
        }
        return false;
    }

    /** A linear preprocessing step, resolved against the image as the earlier steps left it. */
    private Affine affine(ProcessingStep step, int channels, LinearMap[] maps, int z, int t) {
        if (step instanceof ProcessingStep.ScaleLinear s) {
            return Affine.of(channels, s::gain, s::offset);
        }
        if (step instanceof ProcessingStep.FixedZeroMeanUnitVariance f) {
            return Affine.of(channels, f::gain, f::offset);
        }
        if (step instanceof ProcessingStep.EnsureDtype) {
            return Affine.of(channels, c -> 1, c -> 0);
        }
        if (step instanceof ProcessingStep.ScaleRange s) {
            return statistics(channels, s.perChannel(), c -> planes(c, maps[c], s.perSample(), z, t), planes -> {
                double[] p = Percentiles.of(planes, s.minPercentile(), s.maxPercentile());
                double gain = 1 / (p[1] - p[0] + s.eps());
                return new double[] { gain, -p[0] * gain };
            });
        }
        if (step instanceof ProcessingStep.ZeroMeanUnitVariance s) {
            return statistics(channels, s.perChannel(), c -> planes(c, maps[c], s.perSample(), z, t), planes -> {
                MeanStd m = MeanStd.of(planes);
                double gain = 1 / (m.std() + s.eps());
                return new double[] { gain, -m.mean() * gain };
            });
        }
        throw new IllegalStateException("Not a linear step: " + step.id());
    }

    private Affine scaleRangeOfInput(ProcessingStep.ScaleRange s, int z, int t) {
        int inputChannels = image.channels();
        Affine perInput = statistics(inputChannels, s.perChannel(),
                c -> planes(c, LinearMap.IDENTITY, s.perSample(), z, t), planes -> {
                    double[] p = Percentiles.of(planes, s.minPercentile(), s.maxPercentile());
                    double gain = 1 / (p[1] - p[0] + s.eps());
                    return new double[] { gain, -p[0] * gain };
                });
        return Affine.of(outputChannels, c -> perInput.gain[s.perChannel() ? c : 0],
                c -> perInput.offset[s.perChannel() ? c : 0]);
    }

    /**
     * Gain and offset from statistics of each channel's planes, or of all channels' planes together (then the same
     * for every channel).
     */
    private static Affine statistics(int channels, boolean perChannel,
            IntFunction<List<PlaneAccess>> planesOf,
            Function<List<PlaneAccess>, double[]> fit) {
        double[] gain = new double[channels];
        double[] offset = new double[channels];
        if (perChannel) {
            for (int c = 0; c < channels; c++) {
                double[] g = fit.apply(planesOf.apply(c));
                gain[c] = g[0];
                offset[c] = g[1];
            }
        } else {
            List<PlaneAccess> all = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                all.addAll(planesOf.apply(c));
            }
            double[] g = fit.apply(all);
            Arrays.fill(gain, g[0]);
            Arrays.fill(offset, g[1]);
        }
        return new Affine(gain, offset);
    }

    /** Channel c's planes seen through {@code map}: the one at (z, t), or all of them. */
    private List<PlaneAccess> planes(int c, LinearMap map, boolean perSample, int z, int t) {
        List<PlaneAccess> planes = new ArrayList<>();
        if (perSample) {
            planes.add(PlaneAccesses.mapped(image.plane(c, z, t), map));
            return planes;
        }
        for (int f = 0; f < image.frames(); f++) {
            for (int s = 0; s < image.slices(); s++) {
                planes.add(PlaneAccesses.mapped(image.plane(c, s, f), map));
            }
        }
        return planes;
    }

    /** A step applied to each value of a batch (statistics steps never get here: validation forbids it). */
    private UnaryOperator<NDArray> elementWise(ProcessingStep step, int channels, int z, int t) {
        if (step instanceof ProcessingStep.ScaleLinear s) {
            return tensorAffine(Affine.of(channels, s::gain, s::offset));
        }
        if (step instanceof ProcessingStep.FixedZeroMeanUnitVariance f) {
            return tensorAffine(Affine.of(channels, f::gain, f::offset));
        }
        if (step instanceof ProcessingStep.Clip c) {
            return x -> x.clip(c.min(), c.max());
        }
        if (step instanceof ProcessingStep.Sigmoid) {
            return Activation::sigmoid;
        }
        if (step instanceof ProcessingStep.Binarize b) {
            double[] thresholds = new double[channels];
            for (int c = 0; c < channels; c++) {
                thresholds[c] = b.threshold(c);
            }
            return x -> x.gt(perChannel(x, thresholds)).toType(DataType.FLOAT32, false);
        }
        if (step instanceof ProcessingStep.EnsureDtype e) {
            if (ProcessingStep.EnsureDtype.isFloat(e.dtype())) {
                return UnaryOperator.identity();
            }
            if ("bool".equals(e.dtype())) {
                return x -> x.neq(0).toType(DataType.FLOAT32, false);
            }
            double[] range = ProcessingStep.EnsureDtype.range(e.dtype());
            return x -> x.trunc().clip(range[0], range[1]);
        }
        throw new IllegalStateException(step.id() + " needs statistics and cannot run per tile");
    }

    private static UnaryOperator<NDArray> tensorAffine(Affine affine) {
        return x -> x.mul(perChannel(x, affine.gain)).add(perChannel(x, affine.offset));
    }

    /** Values per channel, shaped to broadcast over an NCHW batch on the batch's device. */
    private static NDArray perChannel(NDArray x, double[] values) {
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values[i];
        }
        return x.getManager().create(v, new Shape(1, v.length, 1, 1)).toDevice(x.getDevice(), false);
    }

    private static UnaryOperator<NDArray> chain(List<UnaryOperator<NDArray>> steps) {
        if (steps.isEmpty()) {
            return UnaryOperator.identity();
        }
        List<UnaryOperator<NDArray>> all = List.copyOf(steps);
        return x -> {
            NDArray y = x;
            for (UnaryOperator<NDArray> step : all) {
                y = step.apply(y);
            }
            return y;
        };
    }
}
