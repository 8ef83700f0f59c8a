package io.github.imagejgan.interop.bioimageio;

import static io.github.imagejgan.interop.bioimageio.YamlValue.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.model.ProcessingStep;
import io.github.imagejgan.nn.TorchScriptSpec;

/**
 * The input and output tensors of an exported model in rdf.yaml 0.5: their axes in the module's layout, the sizes
 * the input takes, the output's scale and halo, test tensors and the processing steps.
 */
final class ExportTensors {

    static final String INPUT = "input";
    static final String OUTPUT = "output";

    /**
     * What the description promises about sizes.
     *
     * @param batch the batch sizes the input takes, or null for any
     * @param y     the sizes the input takes along y
     * @param x     along x
     * @param haloY output pixels to crop at tile borders along y (0 for none)
     * @param haloX along x
     */
    record Shape(SizeRule batch, SizeRule y, SizeRule x, int haloY, int haloX) {
    }

    private ExportTensors() {
    }

    static Map<String, Object> input(TorchScriptSpec spec, Shape shape, String testSha256, List<ProcessingStep> pre) {
        return map("id", INPUT,
                "description", "image, " + spec.inputChannels() + " channel" + (spec.inputChannels() == 1 ? "" : "s"),
                "axes", inputAxes(spec, shape),
                "test_tensor", map("source", "test_input.npy", "sha256", testSha256),
                "data", map("type", "float32"),
                "preprocessing", steps(pre, INPUT));
    }

    static Map<String, Object> output(TorchScriptSpec spec, Shape shape, String description, String testSha256,
            List<ProcessingStep> post) {
        return map("id", OUTPUT,
                "description", description,
                "axes", outputAxes(spec, shape),
                "test_tensor", map("source", "test_output.npy", "sha256", testSha256),
                "data", map("type", "float32"),
                "postprocessing", steps(post, OUTPUT));
    }

    private static List<Object> inputAxes(TorchScriptSpec spec, Shape shape) {
        List<Object> axes = new ArrayList<>();
        for (char a : spec.inputAxes().toCharArray()) {
            switch (a) {
            case 'b' -> axes.add(shape.batch() == null ? map("type", "batch")
                    : map("type", "batch", "size", shape.batch().min()));
            case 'c' -> axes.add(channelAxis(spec.inputChannels()));
            default -> axes.add(map("type", "space", "id", String.valueOf(a), "size",
                    (a == 'y' ? shape.y() : shape.x()).yaml()));
            }
        }
        return axes;
    }

    private static List<Object> outputAxes(TorchScriptSpec spec, Shape shape) {
        List<Object> axes = new ArrayList<>();
        for (char a : spec.outputAxes().toCharArray()) {
            switch (a) {
            case 'b' -> axes.add(map("type", "batch"));
            case 'c' -> axes.add(channelAxis(spec.outputChannels()));
            default -> {
                String id = String.valueOf(a);
                Map<String, Object> axis = map("type", "space", "id", id,
                        "size", map("tensor_id", INPUT, "axis_id", id), "scale", 1.0 / spec.scale());
                int halo = a == 'y' ? shape.haloY() : shape.haloX();
                if (halo > 0) {
                    axis.put("halo", halo);
                }
                axes.add(axis);
            }
            }
        }
        return axes;
    }

    private static Map<String, Object> channelAxis(int channels) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            names.add("channel" + c);
        }
        return map("type", "channel", "channel_names", names);
    }

    private static List<Object> steps(List<ProcessingStep> steps, String tensor) {
        List<Object> out = new ArrayList<>();
        for (ProcessingStep step : steps) {
            if (step instanceof ProcessingStep.ScaleRange s) {
                Map<String, Object> kwargs = map("axes", reduced(s.perChannel(), s.perSample()),
                        "min_percentile", s.minPercentile(), "max_percentile", s.maxPercentile(), "eps", s.eps());
                if (s.ofInput()) {
                    kwargs.put("reference_tensor", INPUT);
                }
                out.add(map("id", "scale_range", "kwargs", kwargs));
            } else if (step instanceof ProcessingStep.ZeroMeanUnitVariance z) {
                out.add(map("id", "zero_mean_unit_variance", "kwargs", map("axes", reduced(z.perChannel(),
                        z.perSample()), "eps", z.eps())));
            } else if (step instanceof ProcessingStep.FixedZeroMeanUnitVariance f) {
                out.add(map("id", "fixed_zero_mean_unit_variance", "kwargs", alongChannels(map("mean",
                        values(f.mean()), "std", values(f.std())), f.mean().size())));
            } else if (step instanceof ProcessingStep.ScaleLinear l) {
                out.add(map("id", "scale_linear", "kwargs", alongChannels(map("gain", values(l.gain()), "offset",
                        values(l.offset())), l.gain().size())));
            } else if (step instanceof ProcessingStep.Clip c) {
                out.add(map("id", "clip", "kwargs", map("min", c.min(), "max", c.max())));
            } else if (step instanceof ProcessingStep.Sigmoid) {
                out.add(map("id", "sigmoid"));
            } else if (step instanceof ProcessingStep.Binarize b) {
                out.add(map("id", "binarize", "kwargs", alongChannels(map("threshold", values(b.threshold())),
                        b.threshold().size())));
            } else if (step instanceof ProcessingStep.EnsureDtype e) {
                out.add(map("id", "ensure_dtype", "kwargs", map("dtype", e.dtype())));
            } else {
                throw new ExportException("Processing step " + step.id() + " of tensor " + tensor
                        + " has no bioimage.io form.");
            }
        }
        return out;
    }

    /** The axes statistics are taken over: the plane, plus the channels when joint, plus the batch per dataset. */
    private static List<String> reduced(boolean perChannel, boolean perSample) {
        List<String> axes = new ArrayList<>();
        if (!perSample) {
            axes.add("batch");
        }
        if (!perChannel) {
            axes.add("channel");
        }
        axes.add("y");
        axes.add("x");
        return axes;
    }

    private static Object values(List<Double> values) {
        return values.size() == 1 ? values.get(0) : new ArrayList<>(values);
    }

    private static Map<String, Object> alongChannels(Map<String, Object> kwargs, int count) {
        if (count > 1) {
            kwargs.put("axis", "channel");
        }
        return kwargs;
    }
}
