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
 * the input takes, the output's scale and halo, test tensors and the processing steps. An inpainting model has a
 * second input, the mask, laid out like the image and sized by it.
 */
final class ExportTensors {

    /**
     * What the description calls its tensors and their channels.
     *
     * @param input          the image input's id
     * @param mask           the inpainting mask's id
     * @param output         the output's id
     * @param inputChannels  the names of the image's channels, or null for channel0, channel1, ...
     * @param outputChannels the names of the output's channels, or null
     */
    record Names(String input, String mask, String output, List<String> inputChannels,
            List<String> outputChannels) {

        /** The names of a model trained here. */
        static final Names OWN = new Names("input", "mask", "output", null, null);
    }

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

    static Map<String, Object> input(TorchScriptSpec spec, Shape shape, Names names, String testSha256,
            List<ProcessingStep> pre) {
        int channels = imageChannels(spec);
        return map("id", names.input(),
                "description", "image, " + channels + " channel" + (channels == 1 ? "" : "s"),
                "axes", inputAxes(spec, shape, channels, names.inputChannels()),
                "test_tensor", map("source", "test_input.npy", "sha256", testSha256),
                "data", map("type", "float32"),
                "preprocessing", steps(pre, names.input(), names));
    }

    /** The inpainting mask: taken as it is, the image's size. */
    static Map<String, Object> mask(TorchScriptSpec spec, Shape shape, Names names, String testSha256) {
        List<Object> axes = new ArrayList<>();
        for (char a : spec.inputAxes().toCharArray()) {
            switch (a) {
            case 'b' -> axes.add(batchAxis(shape));
            case 'c' -> axes.add(channelAxis(1, List.of("mask")));
            default -> axes.add(map("type", "space", "id", String.valueOf(a), "size",
                    map("tensor_id", names.input(), "axis_id", String.valueOf(a))));
            }
        }
        return map("id", names.mask(),
                "description", "inpainting mask: 1 where a pixel is missing and is filled, 0 where it is kept",
                "axes", axes,
                "test_tensor", map("source", "test_mask.npy", "sha256", testSha256),
                "data", map("type", "float32"));
    }

    static Map<String, Object> output(TorchScriptSpec spec, Shape shape, Names names, String description,
            String testSha256, List<ProcessingStep> post) {
        return map("id", names.output(),
                "description", description,
                "axes", outputAxes(spec, shape, names),
                "test_tensor", map("source", "test_output.npy", "sha256", testSha256),
                "data", map("type", "float32"),
                "postprocessing", steps(post, names.output(), names));
    }

    /** The image's channels: the module's inputs without a mask. */
    static int imageChannels(TorchScriptSpec spec) {
        return spec.maskInput() ? spec.inputChannels() - 1 : spec.inputChannels();
    }

    private static List<Object> inputAxes(TorchScriptSpec spec, Shape shape, int channels, List<String> names) {
        List<Object> axes = new ArrayList<>();
        for (char a : spec.inputAxes().toCharArray()) {
            switch (a) {
            case 'b' -> axes.add(batchAxis(shape));
            case 'c' -> axes.add(channelAxis(channels, names));
            default -> axes.add(map("type", "space", "id", String.valueOf(a), "size",
                    (a == 'y' ? shape.y() : shape.x()).yaml()));
            }
        }
        return axes;
    }

    private static Map<String, Object> batchAxis(Shape shape) {
        return shape.batch() == null ? map("type", "batch") : map("type", "batch", "size", shape.batch().min());
    }

    private static List<Object> outputAxes(TorchScriptSpec spec, Shape shape, Names names) {
        List<Object> axes = new ArrayList<>();
        for (char a : spec.outputAxes().toCharArray()) {
            switch (a) {
            case 'b' -> axes.add(map("type", "batch"));
            case 'c' -> axes.add(channelAxis(spec.outputChannels(), names.outputChannels()));
            default -> {
                String id = String.valueOf(a);
                Map<String, Object> axis = map("type", "space", "id", id,
                        "size", map("tensor_id", names.input(), "axis_id", id), "scale", 1.0 / spec.scale());
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

    /** @param names the channels' names, or null for channel0, channel1, ... */
    private static Map<String, Object> channelAxis(int channels, List<String> names) {
        List<String> all = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            all.add(names != null && names.size() == channels ? names.get(c) : "channel" + c);
        }
        return map("type", "channel", "channel_names", all);
    }

    private static List<Object> steps(List<ProcessingStep> steps, String tensor, Names names) {
        List<Object> out = new ArrayList<>();
        for (ProcessingStep step : steps) {
            if (step instanceof ProcessingStep.ScaleRange s) {
                Map<String, Object> kwargs = map("axes", reduced(s.perChannel(), s.perSample()),
                        "min_percentile", s.minPercentile(), "max_percentile", s.maxPercentile(), "eps", s.eps());
                if (s.ofInput()) {
                    kwargs.put("reference_tensor", names.input());
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
