package io.github.imagejgan.interop.bioimageio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.imagejgan.interop.UnsupportedModelException;
import io.github.imagejgan.interop.bioimageio.FormatReader.Axis;
import io.github.imagejgan.interop.bioimageio.FormatReader.OutputGeometry;
import io.github.imagejgan.interop.bioimageio.FormatReader.Size;
import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ProcessingStep;

/**
 * Reads what the image path needs from a bioimage.io model description of format 0.4 or 0.5, and collects every
 * reason why the model cannot run here instead of stopping at the first. What the two versions write differently
 * is read by their {@link FormatReader}; what follows from it (sizes, scale, processing rules) is decided here.
 *
 * <p>Runs here: one 2D input (or an image and an inpainting mask) and one 2D output with axes among batch, channel, y, x in any order; float32 input;
 * TorchScript weights; input sizes that are multiples of a step from a minimum that is itself a multiple (or one
 * fixed square size); outputs at an integer scale of the input, uncropped; the processing steps of
 * {@link ProcessingStep} within the rules of {@link DeclaredProcessing}.
 */
final class BioimageIoReader {

    private final List<String> reasons = new ArrayList<>();
    private final FormatReader format;
    private final ProcessingReader processing;

    private BioimageIoReader(String version) {
        this.format = FormatReader.of(version, reasons);
        this.processing = new ProcessingReader(format, reasons);
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
        if (!version.matches("0\\.4\\.\\d+") && !version.matches("0\\.5\\.\\d+")) {
            throw new ModelFormatException(model + ": format_version " + version + " is not supported (0.4.x and "
                    + "0.5.x are). Convert it with the bioimage.io tools (bioimageio.spec) to 0.5.");
        }
        BioimageIoReader reader = new BioimageIoReader(version);
        BioimageIoModel result = reader.model(rdf, version);
        if (!reader.reasons.isEmpty()) {
            throw new UnsupportedModelException(model, reader.reasons);
        }
        return result;
    }

    private BioimageIoModel model(YamlValue rdf, String version) {
        List<YamlValue> inputs = rdf.get("inputs").list();
        boolean masked = inputs != null && inputs.size() == 2 && isMask(inputs.get(1));
        YamlValue input = masked ? inputs.get(0) : single(rdf.get("inputs"), "input");
        YamlValue output = single(rdf.get("outputs"), "output");
        BioimageIoModel.Tensor in = input == null ? null : input(input);
        BioimageIoModel.Tensor mask = masked && in != null ? mask(inputs.get(1), in) : null;
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
        return new BioimageIoModel(version, rdf.get("name").string(), rdf.get("description").string(), in, mask,
                out, source, torchscript.get("sha256").string(), format.testFile(rdf, input, "test_inputs", 0),
                masked ? format.testFile(rdf, inputs.get(1), "test_inputs", 1) : null,
                format.testFile(rdf, output, "test_outputs", 0), rdf.get("config").get("imagej_gan").get("task")
                        .string());
    }

    /** Whether a second input is an inpainting mask: its name says so. */
    private boolean isMask(YamlValue tensor) {
        String id = tensor.get(format.nameKey()).string();
        return id != null && id.toLowerCase(Locale.ROOT).contains("mask");
    }

    private YamlValue single(YamlValue tensors, String what) {
        List<YamlValue> list = tensors.list();
        if (list == null || list.isEmpty()) {
            reasons.add("It declares no " + what + "s.");
            return null;
        }
        if (list.size() > 1) {
            List<String> names = new ArrayList<>();
            list.forEach(t -> names.add(String.valueOf(t.get(format.nameKey()).string())));
            reasons.add("It has " + list.size() + " " + what + "s (" + String.join(", ", names) + "); only models "
                    + "with one " + what + (what.equals("input") ? ", or an image followed by an inpainting mask "
                    + "(an input whose name contains 'mask'), " : " ") + "run here.");
            return null;
        }
        return list.get(0);
    }

    /**
     * An inpainting mask: one float32 channel laid out like the image, passed to the module as it is (no
     * preprocessing other than keeping float32).
     */
    private BioimageIoModel.Tensor mask(YamlValue tensor, BioimageIoModel.Tensor image) {
        String id = tensor.get(format.nameKey()).string();
        String type = format.dataType(tensor);
        if (type != null && !type.equals("float32")) {
            reasons.add("Mask " + id + " has data type " + type + "; only float32 masks run here.");
        }
        // Its sizes follow the image's (0.5 refers to the image's axes); only its layout is read here.
        List<Axis> axes = format.axes(tensor, "Mask " + id, false);
        if (axes == null) {
            return null;
        }
        String letters = FormatReader.letters(axes);
        if (!letters.equals(image.axes())) {
            reasons.add("Mask " + id + " has axes '" + letters + "' and image " + image.id() + " '" + image.axes()
                    + "'; a mask runs here only laid out like the image.");
        }
        int channels = format.channels(axes, tensor);
        if (channels != 1) {
            reasons.add("Mask " + id + " has " + channels + " channels; a mask has one.");
        }
        List<ProcessingStep> pre = processing.read(tensor.get("preprocessing"), axes, id, true, id);
        if (pre.stream().anyMatch(step -> !(step instanceof ProcessingStep.EnsureDtype e
                && ProcessingStep.EnsureDtype.isFloat(e.dtype())))) {
            reasons.add("Mask " + id + " has preprocessing; a mask runs here only as it is (1 where a pixel is to be "
                    + "filled).");
        }
        return new BioimageIoModel.Tensor(id, letters, 1, image.divisor(), image.minimumSize(), image.fixedSize(),
                1, 0, pre);
    }

    private BioimageIoModel.Tensor input(YamlValue tensor) {
        String id = tensor.get(format.nameKey()).string();
        String type = format.dataType(tensor);
        if (type != null && !type.equals("float32")) {
            reasons.add("Input " + id + " has data type " + type + "; only float32 inputs run here.");
        }
        List<Axis> axes = format.axes(tensor, "Input " + id, true);
        if (axes == null) {
            return null;
        }
        int channels = format.channels(axes, tensor);
        Size y = axes.stream().filter(a -> a.letter() == 'y').findFirst().map(Axis::size).orElse(null);
        Size x = axes.stream().filter(a -> a.letter() == 'x').findFirst().map(Axis::size).orElse(null);
        int divisor = 1;
        int minimum = 1;
        boolean fixed = false;
        if (y == null || x == null) {
            reasons.add("Input " + id + " has no valid y and x sizes.");
        } else if (y.step() == 0 && x.step() == 0) {
            fixed = true;
            if (y.min() != x.min()) {
                reasons.add("Input " + id + " takes only " + y.min() + " x " + x.min() + " pixels; fixed sizes run "
                        + "here only when square.");
            }
            divisor = (int) y.min();
            minimum = (int) y.min();
        } else if (y.step() == 0 || x.step() == 0) {
            reasons.add("Input " + id + " has a fixed size along one axis and a variable size along the other.");
        } else {
            if (y.min() % y.step() != 0 || x.min() % x.step() != 0) {
                reasons.add("Input " + id + " takes sizes " + y.min() + " + n*" + y.step() + " (y) and " + x.min()
                        + " + n*" + x.step() + " (x); sizes run here only when the minimum is a multiple of the "
                        + "step.");
            }
            divisor = (int) lcm(y.step(), x.step());
            minimum = (int) Math.max(y.min(), x.min());
        }
        List<ProcessingStep> pre = processing.read(tensor.get("preprocessing"), axes, id, true, id);
        return new BioimageIoModel.Tensor(id, FormatReader.letters(axes), channels, divisor, minimum, fixed, 1, 0,
                pre);
    }

    private BioimageIoModel.Tensor output(YamlValue tensor, BioimageIoModel.Tensor in, YamlValue inputNode) {
        String id = tensor.get(format.nameKey()).string();
        List<Axis> axes = format.axes(tensor, "Output " + id, false);
        if (axes == null) {
            return null;
        }
        OutputGeometry geometry = format.output(tensor, axes, in, inputNode, id);
        List<ProcessingStep> post = processing.read(tensor.get("postprocessing"), axes, id, false, in.id());
        return new BioimageIoModel.Tensor(id, FormatReader.letters(axes), geometry.channels(), 1, 1, false,
                geometry.scale(), geometry.halo(), post);
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
