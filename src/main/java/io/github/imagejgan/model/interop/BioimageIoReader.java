package io.github.imagejgan.model.interop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ProcessingStep;

/**
 * Reads what the image path needs from a bioimage.io model description of format 0.4 or 0.5, and collects every
 * reason why the model cannot run here instead of stopping at the first.
 *
 * <p>Runs here: one 2D input and one 2D output with axes among batch, channel, y, x in any order; float32 input;
 * TorchScript weights; input sizes that are multiples of a step from a minimum that is itself a multiple (or one
 * fixed square size); outputs at an integer scale of the input, uncropped; the processing steps of
 * {@link ProcessingStep} within the rules of {@link DeclaredProcessing}.
 */
final class BioimageIoReader {

    private final List<String> reasons = new ArrayList<>();
    private final boolean v05;

    private BioimageIoReader(boolean v05) {
        this.v05 = v05;
    }

    /**
     * @param model the archive's name, for messages
     * @throws UnsupportedModelException listing every reason the model cannot run here
     * @throws ModelFormatException      if it is not a bioimage.io model of a known format version
     */
    static BioimageIoModel read(YamlValue rdf, String model) {
        String version = rdf.get("format_version").string();
        String type = rdf.get("type").string();
        if (version == null) {
            throw new ModelFormatException(model + ": rdf.yaml has no format_version; it is not a bioimage.io "
                    + "model description.");
        }
        if (type != null && !type.equals("model")) {
            throw new ModelFormatException(model + " describes a bioimage.io " + type + ", not a model.");
        }
        boolean v04 = version.matches("0\\.4\\.\\d+");
        boolean v05 = version.matches("0\\.5\\.\\d+");
        if (!v04 && !v05) {
            throw new ModelFormatException(model + ": format_version " + version + " is not supported (0.4.x and "
                    + "0.5.x are). Convert it with the bioimage.io tools (bioimageio.spec) to 0.5.");
        }
        BioimageIoReader reader = new BioimageIoReader(v05);
        BioimageIoModel result = reader.model(rdf, version);
        if (!reader.reasons.isEmpty()) {
            throw new UnsupportedModelException(model, reader.reasons);
        }
        return result;
    }

    private BioimageIoModel model(YamlValue rdf, String version) {
        YamlValue input = single(rdf.get("inputs"), "input");
        YamlValue output = single(rdf.get("outputs"), "output");
        BioimageIoModel.Tensor in = input == null ? null : input(input);
        BioimageIoModel.Tensor out = output == null || in == null ? null : output(output, in, input);
        YamlValue weights = rdf.get("weights");
        YamlValue torchscript = weights.get("torchscript");
        String source = torchscript.get("source").string();
        if (torchscript.isMissing()) {
            List<String> formats = weights.keys();
            reasons.add("It has no TorchScript weights (only " + (formats.isEmpty() ? "none" : String.join(", ",
                    formats)) + "); only TorchScript runs here. Convert the weights with the bioimage.io tools "
                    + "(bioimageio.core: weight conversion to torchscript).");
        } else if (source == null) {
            reasons.add("weights.torchscript has no source.");
        }
        if (in != null && out != null) {
            List<String> problems = DeclaredProcessing.problems(in.processing(), out.processing());
            problems.forEach(p -> reasons.add("Unsupported " + p + "."));
        }
        String testInput = v05 ? input == null ? null : input.get("test_tensor").get("source").string()
                : first(rdf.get("test_inputs"));
        String testOutput = v05 ? output == null ? null : output.get("test_tensor").get("source").string()
                : first(rdf.get("test_outputs"));
        return new BioimageIoModel(version, rdf.get("name").string(), rdf.get("description").string(), in, out,
                source, torchscript.get("sha256").string(), testInput, testOutput);
    }

    private YamlValue single(YamlValue tensors, String what) {
        List<YamlValue> list = tensors.list();
        if (list == null || list.isEmpty()) {
            reasons.add("It declares no " + what + "s.");
            return null;
        }
        if (list.size() > 1) {
            List<String> names = new ArrayList<>();
            list.forEach(t -> names.add(String.valueOf(t.get(v05 ? "id" : "name").string())));
            reasons.add("It has " + list.size() + " " + what + "s (" + String.join(", ", names) + "); only models "
                    + "with one " + what + " run here.");
            return null;
        }
        return list.get(0);
    }

    private static String first(YamlValue files) {
        List<YamlValue> list = files.list();
        return list == null || list.isEmpty() ? null : list.get(0).string();
    }

    /** Spatial size rule of one axis: {@code min + n * step} (step 0 for a fixed size). */
    private record Size(long min, long step) {
    }

    /** One axis: its letter among b, c, y, x, its id (0.5), and size rule. */
    private record Axis(char letter, String id, Size size, YamlValue node) {
    }

    private BioimageIoModel.Tensor input(YamlValue tensor) {
        String id = tensor.get(v05 ? "id" : "name").string();
        String type = v05 ? dataType05(tensor.get("data")) : tensor.get("data_type").string();
        if (type != null && !type.equals("float32")) {
            reasons.add("Input " + id + " has data type " + type + "; only float32 inputs run here.");
        }
        List<Axis> axes = axes(tensor, "Input " + id, true);
        if (axes == null) {
            return null;
        }
        int channels = channels(axes, tensor);
        Size y = axes.stream().filter(a -> a.letter == 'y').findFirst().map(Axis::size).orElse(null);
        Size x = axes.stream().filter(a -> a.letter == 'x').findFirst().map(Axis::size).orElse(null);
        int divisor = 1;
        int minimum = 1;
        boolean fixed = false;
        if (y == null || x == null) {
            reasons.add("Input " + id + " has no valid y and x sizes.");
        } else if (y.step == 0 && x.step == 0) {
            fixed = true;
            if (y.min != x.min) {
                reasons.add("Input " + id + " takes only " + y.min + " x " + x.min + " pixels; fixed sizes run here "
                        + "only when square.");
            }
            divisor = (int) y.min;
            minimum = (int) y.min;
        } else if (y.step == 0 || x.step == 0) {
            reasons.add("Input " + id + " has a fixed size along one axis and a variable size along the other.");
        } else {
            if (y.min % y.step != 0 || x.min % x.step != 0) {
                reasons.add("Input " + id + " takes sizes " + y.min + " + n*" + y.step + " (y) and " + x.min
                        + " + n*" + x.step + " (x); sizes run here only when the minimum is a multiple of the step.");
            }
            divisor = (int) lcm(y.step, x.step);
            minimum = (int) Math.max(y.min, x.min);
        }
        List<ProcessingStep> pre = processing(tensor.get("preprocessing"), axes, id, true, id);
        return new BioimageIoModel.Tensor(id, letters(axes), channels, divisor, minimum, fixed, 1, 0, pre);
    }

    private BioimageIoModel.Tensor output(YamlValue tensor, BioimageIoModel.Tensor in, YamlValue inputNode) {
        String id = tensor.get(v05 ? "id" : "name").string();
        List<Axis> axes = axes(tensor, "Output " + id, false);
        if (axes == null) {
            return null;
        }
        int scale = 1;
        int halo = 0;
        int channels = 1;
        if (v05) {
            channels = channels(axes, tensor);
            List<Axis> inputAxes = axes(inputNode, "Input " + in.id(), true);
            Integer[] scales = new Integer[2];
            for (Axis a : axes) {
                if (a.letter != 'y' && a.letter != 'x') {
                    continue;
                }
                int k = a.letter == 'y' ? 0 : 1;
                Axis ref = inputAxes == null ? null : inputAxes.stream().filter(i -> i.letter == a.letter)
                        .findFirst().orElse(null);
                double outScale = positive(a.node.get("scale").number(), 1.0);
                double inScale = ref == null ? 1.0 : positive(ref.node.get("scale").number(), 1.0);
                YamlValue size = a.node.get("size");
                if (size.isMap() && size.has("tensor_id")) {
                    if (!in.id().equals(size.get("tensor_id").string())) {
                        reasons.add("Output " + id + " axis " + a.id + " refers to tensor "
                                + size.get("tensor_id").string() + " rather than the input.");
                    }
                    Long offset = size.get("offset").integer();
                    if (offset != null && offset != 0) {
                        reasons.add("Output " + id + " axis " + a.id + " is cropped or padded (offset " + offset
                                + "); only uncropped outputs run here.");
                    }
                    scales[k] = integerScale(inScale / outScale, id, a.id);
                } else if (size.integer() != null && in.fixedSize()) {
                    scales[k] = integerScale((double) size.integer() / in.minimumSize(), id, a.id);
                } else {
                    reasons.add("Output " + id + " axis " + a.id + " has a size that does not follow the input's.");
                }
                Long h = a.node.get("halo").integer();
                if (h != null && scales[k] != null && scales[k] > 0) {
                    halo = Math.max(halo, (int) Math.ceil(h * outScale / inScale));
                }
            }
            scale = sameScale(scales, id);
        } else {
            YamlValue shape = tensor.get("shape");
            String letters = letters(axes);
            List<Double> halos = tensor.get("halo").numbers();
            if (shape.isMap()) {
                String reference = shape.get("reference_tensor").string();
                List<Double> scaleList = nullableNumbers(shape.get("scale"));
                List<Double> offsets = shape.get("offset").numbers();
                if (!in.id().equals(reference)) {
                    reasons.add("Output " + id + " follows tensor " + reference + " rather than the input.");
                }
                if (scaleList == null || offsets == null || scaleList.size() != letters.length()
                        || offsets.size() != letters.length()) {
                    reasons.add("Output " + id + " has a shape whose scale and offset do not match its axes "
                            + letters + ".");
                } else {
                    Integer[] scales = new Integer[2];
                    for (int i = 0; i < letters.length(); i++) {
                        char a = letters.charAt(i);
                        Double s = scaleList.get(i);
                        double offset = offsets.get(i);
                        if (a == 'c') {
                            double c = (s == null ? 0 : s * in.channels()) + 2 * offset;
                            channels = (int) c;
                            if (c != channels || channels < 1) {
                                reasons.add("Output " + id + " has " + c + " channels.");
                            }
                        } else if (a == 'y' || a == 'x') {
                            if (offset != 0) {
                                reasons.add("Output " + id + " axis " + a + " is cropped or padded (offset " + offset
                                        + "); only uncropped outputs run here.");
                            }
                            scales[a == 'y' ? 0 : 1] = s == null ? null : integerScale(s, id, String.valueOf(a));
                            if (halos != null && i < halos.size() && s != null && s > 0) {
                                halo = Math.max(halo, (int) Math.ceil(halos.get(i) / s));
                            }
                        }
                    }
                    scale = sameScale(scales, id);
                }
            } else {
                List<Long> fixed = shape.integers();
                if (fixed == null || fixed.size() != letters.length() || !in.fixedSize()) {
                    reasons.add("Output " + id + " has a fixed shape for an input of variable size.");
                } else {
                    Integer[] scales = new Integer[2];
                    for (int i = 0; i < letters.length(); i++) {
                        char a = letters.charAt(i);
                        if (a == 'c') {
                            channels = fixed.get(i).intValue();
                        } else if (a == 'y' || a == 'x') {
                            scales[a == 'y' ? 0 : 1] = integerScale((double) fixed.get(i) / in.minimumSize(), id,
                                    String.valueOf(a));
                        }
                    }
                    scale = sameScale(scales, id);
                }
            }
        }
        List<ProcessingStep> post = processing(tensor.get("postprocessing"), axes, id, false, in.id());
        return new BioimageIoModel.Tensor(id, letters(axes), channels, 1, 1, false, scale, halo, post);
    }

    private int integerScale(double scale, String tensor, String axis) {
        if (scale < 1 || scale != Math.rint(scale)) {
            reasons.add("Output " + tensor + " axis " + axis + " is " + scale + " times the input's size; only "
                    + "whole-number scales of 1 or more run here.");
            return 1;
        }
        return (int) scale;
    }

    private int sameScale(Integer[] scales, String tensor) {
        if (scales[0] == null || scales[1] == null) {
            reasons.add("Output " + tensor + " lacks the scale of its y or x axis.");
            return 1;
        }
        if (!scales[0].equals(scales[1])) {
            reasons.add("Output " + tensor + " scales y by " + scales[0] + " and x by " + scales[1]
                    + "; only equal scales run here.");
        }
        return scales[0];
    }

    private static double positive(Double value, double otherwise) {
        return value == null || !(value > 0) ? otherwise : value;
    }

    private static List<Double> nullableNumbers(YamlValue list) {
        List<YamlValue> items = list.list();
        if (items == null) {
            return null;
        }
        List<Double> numbers = new ArrayList<>();
        for (YamlValue item : items) {
            if (item.isMissing()) {
                numbers.add(null);
            } else if (item.number() != null) {
                numbers.add(item.number());
            } else {
                return null;
            }
        }
        return numbers;
    }

    private static String dataType05(YamlValue data) {
        if (data.isMissing()) {
            return "float32";
        }
        List<YamlValue> perChannel = data.list();
        YamlValue first = perChannel != null && !perChannel.isEmpty() ? perChannel.get(0) : data;
        String type = first.get("type").string();
        return type == null ? "float32" : type;
    }

    /** The axes of a tensor, or null (with reasons) if they cannot run here. */
    private List<Axis> axes(YamlValue tensor, String what, boolean input) {
        List<Axis> axes = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        if (v05) {
            List<YamlValue> list = tensor.get("axes").list();
            if (list == null || list.isEmpty()) {
                reasons.add(what + " has no axes.");
                return null;
            }
            for (YamlValue a : list) {
                String type = a.get("type").string();
                String id = a.get("id").string();
                if ("batch".equals(type)) {
                    axes.add(new Axis('b', id == null ? "batch" : id, new Size(1, 0), a));
                } else if ("channel".equals(type)) {
                    axes.add(new Axis('c', id == null ? "channel" : id, new Size(1, 0), a));
                } else if ("space".equals(type)) {
                    String s = id == null ? "x" : id;
                    if (s.equals("y") || s.equals("x")) {
                        axes.add(new Axis(s.charAt(0), s, input ? size05(a.get("size"), what, s) : null, a));
                    } else {
                        unsupported.add("space axis " + s);
                    }
                } else {
                    unsupported.add((type == null ? "untyped" : type) + " axis" + (id == null ? "" : " " + id));
                }
            }
        } else {
            String letters = tensor.get("axes").string();
            if (letters == null || letters.isEmpty()) {
                reasons.add(what + " has no axes.");
                return null;
            }
            YamlValue shape = tensor.get("shape");
            List<Long> fixed = shape.integers();
            List<Long> min = shape.get("min").integers();
            List<Long> step = shape.get("step").integers();
            boolean sized = fixed != null ? fixed.size() == letters.length()
                    : min != null && step != null && min.size() == letters.length() && step.size() == min.size();
            if (input && !sized) {
                reasons.add(what + " has a shape that does not match its axes " + letters + ".");
            }
            for (int i = 0; i < letters.length(); i++) {
                char a = letters.charAt(i);
                Size size = !input || !sized ? null
                        : fixed != null ? new Size(fixed.get(i), 0) : new Size(min.get(i), step.get(i));
                if ("bcyx".indexOf(a) >= 0) {
                    axes.add(new Axis(a, String.valueOf(a), size, tensor));
                } else {
                    unsupported.add(switch (a) {
                    case 'z' -> "z axis (3D)";
                    case 't' -> "time axis";
                    case 'i' -> "index axis";
                    default -> "axis '" + a + "'";
                    });
                }
            }
        }
        if (!unsupported.isEmpty()) {
            reasons.add(what + " has a " + String.join(" and a ", unsupported) + " (axes " + describe(tensor)
                    + "); only 2D images with axes among batch, channel, y and x run here.");
            return null;
        }
        String letters = letters(axes);
        if (letters.indexOf('y') < 0 || letters.indexOf('x') < 0) {
            reasons.add(what + " lacks a y or x axis (axes " + describe(tensor) + ").");
            return null;
        }
        for (char c : letters.toCharArray()) {
            if (letters.indexOf(c) != letters.lastIndexOf(c)) {
                reasons.add(what + " has axis " + c + " twice.");
                return null;
            }
        }
        return axes;
    }

    private String describe(YamlValue tensor) {
        if (!v05) {
            return tensor.get("axes").string();
        }
        List<String> parts = new ArrayList<>();
        for (YamlValue a : tensor.get("axes").list()) {
            String id = a.get("id").string();
            parts.add(id != null ? id : String.valueOf(a.get("type").string()));
        }
        return String.join(", ", parts);
    }

    private Size size05(YamlValue size, String what, String axis) {
        if (size.integer() != null) {
            return new Size(size.integer(), 0);
        }
        Long min = size.get("min").integer();
        Long step = size.get("step").integer();
        if (min != null && step != null && min > 0 && step > 0) {
            return new Size(min, step);
        }
        reasons.add(what + " axis " + axis + " has a size that is neither fixed nor min + n*step (" + size.value()
                + ").");
        return null;
    }

    private int channels(List<Axis> axes, YamlValue tensor) {
        Axis channel = axes.stream().filter(a -> a.letter == 'c').findFirst().orElse(null);
        if (channel == null) {
            return 1;
        }
        if (v05) {
            List<YamlValue> names = channel.node.get("channel_names").list();
            if (names == null || names.isEmpty()) {
                reasons.add("The channel axis of " + tensor.get("id").string() + " has no channel_names.");
                return 1;
            }
            return names.size();
        }
        Size size = channel.size;
        if (size == null) {
            return 1;
        }
        if (size.step != 0) {
            reasons.add("Input " + tensor.get("name").string() + " has a variable number of channels.");
        }
        return (int) size.min;
    }

    private static String letters(List<Axis> axes) {
        StringBuilder s = new StringBuilder();
        axes.forEach(a -> s.append(a.letter));
        return s.toString();
    }

    /** The ids of the axes (0.5) or their letters (0.4), by letter. */
    private static Map<String, Character> axisLetters(List<Axis> axes) {
        Map<String, Character> letters = new LinkedHashMap<>();
        for (Axis a : axes) {
            letters.put(a.id, a.letter);
        }
        return letters;
    }

    private List<ProcessingStep> processing(YamlValue steps, List<Axis> axes, String tensor, boolean pre,
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
        String where = (pre ? "preprocessing" : "postprocessing") + " of " + tensor;
        Map<String, Character> letters = axisLetters(axes);
        boolean hasBatch = letters.containsValue('b');
        for (YamlValue step : list) {
            String name = step.get(v05 ? "id" : "name").string();
            YamlValue kwargs = step.get("kwargs");
            try {
                ProcessingStep converted = step(name, kwargs, letters, hasBatch, pre, inputId, tensor, where);
                if (converted != null) {
                    result.add(converted);
                }
            } catch (ModelFormatException e) {
                reasons.add(where + ": " + e.getMessage());
            }
        }
        return result;
    }

    private ProcessingStep step(String name, YamlValue kwargs, Map<String, Character> letters, boolean hasBatch,
            boolean pre, String inputId, String tensor, String where) {
        if (name == null) {
            reasons.add(where + " has a step without a name.");
            return null;
        }
        switch (name) {
        case "scale_range": {
            Reduction r = reduction(kwargs, letters, hasBatch);
            String reference = kwargs.get("reference_tensor").string();
            boolean ofInput = reference != null && !reference.equals(tensor);
            if (ofInput && (pre || !reference.equals(inputId))) {
                reasons.add(where + ": scale_range refers to tensor " + reference + ", which is not the input.");
                return null;
            }
            return new ProcessingStep.ScaleRange(number(kwargs, "min_percentile", 0),
                    number(kwargs, "max_percentile", 100), number(kwargs, "eps", 1e-6), r.perChannel, r.perSample,
                    ofInput);
        }
        case "zero_mean_unit_variance": {
            String mode = kwargs.get("mode").string();
            double eps = number(kwargs, "eps", 1e-6);
            if (!v05 && (mode == null || mode.equals("fixed"))) {
                List<Double> mean = kwargs.get("mean").numbers();
                List<Double> std = kwargs.get("std").numbers();
                if (mean == null || std == null) {
                    reasons.add(where + ": zero_mean_unit_variance in mode fixed lacks mean or std.");
                    return null;
                }
                return new ProcessingStep.FixedZeroMeanUnitVariance(mean, std, eps);
            }
            Reduction r = reduction(kwargs, letters, hasBatch);
            return new ProcessingStep.ZeroMeanUnitVariance(eps, r.perChannel, r.perSample);
        }
        case "fixed_zero_mean_unit_variance": {
            alongChannels(kwargs, letters, where);
            List<Double> mean = kwargs.get("mean").numbers();
            List<Double> std = kwargs.get("std").numbers();
            if (mean == null || std == null) {
                reasons.add(where + ": fixed_zero_mean_unit_variance lacks mean or std.");
                return null;
            }
            return new ProcessingStep.FixedZeroMeanUnitVariance(mean, std, 1e-6);
        }
        case "scale_linear": {
            alongChannels(kwargs, letters, where);
            List<Double> gain = kwargs.has("gain") ? kwargs.get("gain").numbers() : List.of(1.0);
            List<Double> offset = kwargs.has("offset") ? kwargs.get("offset").numbers() : List.of(0.0);
            if (gain == null || offset == null) {
                reasons.add(where + ": scale_linear has a gain or offset that is not a number or list of numbers.");
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
        case "clip":
            return new ProcessingStep.Clip(number(kwargs, "min", Double.NEGATIVE_INFINITY),
                    number(kwargs, "max", Double.POSITIVE_INFINITY));
        case "sigmoid":
            return new ProcessingStep.Sigmoid();
        case "binarize": {
            alongChannels(kwargs, letters, where);
            List<Double> threshold = kwargs.get("threshold").numbers();
            if (threshold == null) {
                reasons.add(where + ": binarize lacks a threshold.");
                return null;
            }
            return new ProcessingStep.Binarize(threshold);
        }
        case "ensure_dtype":
            return new ProcessingStep.EnsureDtype(kwargs.get("dtype").string());
        case "scale_mean_variance":
            reasons.add("Unsupported " + where + ": scale_mean_variance (matching the output's mean and variance to "
                    + "another tensor needs statistics of the whole output before any tile can be written).");
            return null;
        default:
            reasons.add("Unsupported " + where + ": unknown step '" + name + "'.");
            return null;
        }
    }

    /** Whether statistics are per channel and per sample, from the axes they are computed over. */
    private record Reduction(boolean perChannel, boolean perSample) {
    }

    private Reduction reduction(YamlValue kwargs, Map<String, Character> letters, boolean hasBatch) {
        YamlValue axes = kwargs.get("axes");
        if (v05) {
            List<YamlValue> ids = axes.list();
            if (ids == null) {
                // bioimage.io: "Default: Scale all axes jointly", the batch too.
                return new Reduction(false, !hasBatch);
            }
            boolean channel = false;
            boolean batch = false;
            for (YamlValue id : ids) {
                Character letter = letters.get(id.string());
                channel |= letter != null && letter == 'c';
                batch |= letter != null && letter == 'b' || "batch".equals(id.string());
            }
            return new Reduction(!channel && letters.containsValue('c'), !batch);
        }
        String mode = kwargs.get("mode").string();
        String joint = axes.string();
        boolean perChannel = joint != null && joint.indexOf('c') < 0 && letters.containsValue('c');
        return new Reduction(perChannel, !"per_dataset".equals(mode));
    }

    /** Per-axis values must run along the channel axis. */
    private void alongChannels(YamlValue kwargs, Map<String, Character> letters, String where) {
        String axis = kwargs.get("axis").string();
        if (axis != null && letters.get(axis) != null && letters.get(axis) != 'c') {
            reasons.add(where + ": values along axis " + axis + " (only per-channel values run here).");
        }
    }

    private static double number(YamlValue kwargs, String key, double otherwise) {
        Double v = kwargs.get(key).number();
        return v == null ? otherwise : v;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
