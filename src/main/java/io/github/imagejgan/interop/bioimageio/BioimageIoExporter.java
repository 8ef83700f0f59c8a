package io.github.imagejgan.interop.bioimageio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.ExportResult;
import io.github.imagejgan.interop.torchscript.TorchScriptExporter;
import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.model.ProcessingStep;
import io.github.imagejgan.nn.TorchScriptSpec;

import static io.github.imagejgan.interop.bioimageio.YamlValue.map;

/**
 * Writes a model package as a bioimage.io model zip, format 0.5: {@code rdf.yaml}, the TorchScript weights, a test
 * input with the output this model gives for it (as bioimage.io tools compute it: the whole sample at once, with the
 * declared processing), a cover image and a README. The archive is then checked with {@link BioimageIoValidator}
 * and read back with {@link BioimageIoReader}; only an archive that passes both replaces the target.
 *
 * <p>Percentile normalization becomes the preprocessing step {@code scale_range} (with {@code scale_linear} for
 * networks trained on another range than [0, 1]). bioimage.io has no postprocessing that undoes a normalization
 * measured on each input, so the exported model's outputs stay in the network's range; imagej-gan's own path maps
 * them back to intensities.
 */
public final class BioimageIoExporter {

    static final String FORMAT_VERSION = "0.5.3";
    private static final String INPUT = "input";
    private static final String OUTPUT = "output";

    private BioimageIoExporter() {
    }

    public static ExportResult export(Path packageFile, Path target, ExportOptions options) throws IOException {
        ModelPackage pkg = ModelPackage.open(packageFile);
        ModelDescriptor d = pkg.descriptor();
        if (d.task() == ModelTask.INPAINT) {
            throw new ExportException("Inpainting models cannot be exported to bioimage.io: its processing steps "
                    + "would normalize the mask channel like the image. Export them to TorchScript instead.");
        }
        List<String> notes = new ArrayList<>();
        TorchScriptExporter.Module module = TorchScriptExporter.export(pkg, options);
        TorchScriptSpec spec = module.spec();
        DeclaredProcessing processing = processing(d.normalization(), notes);
        ModelDescriptor asExported = new ModelDescriptor(d.name(), d.description(), d.task(), spec,
                ModelDescriptor.Normalization.declared(processing), d.tiling(), d.provenance(), d.metrics());
        int halo = (spec.receptiveFieldRadius() + 1) / 2 * 2;
        int minimum = minimumSize(spec, halo);
        int size = minimum;
        while (size < 64) {
            size += spec.divisor();
        }
        TensorPlanes input = testImage(spec.inputChannels(), size);
        TensorPlanes output = BioimageIoImporter.runWhole(asExported, module.module(), input);

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("weights.pt", module.module());
        files.put("test_input.npy", input.toArray(spec.inputAxes()).toBytes());
        files.put("test_output.npy", output.toArray(spec.outputAxes()).toBytes());
        files.put("cover.png", cover(input, output));
        files.put("README.md", readme(d, processing, notes).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> rdf = rdf(d, spec, processing, module, halo, minimum, files, options);
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("rdf.yaml", YamlValue.dump(rdf));
        all.putAll(files);

        Path folder = Files.createTempDirectory("imagej-gan-bioimageio");
        Path candidate = folder.resolve("model.zip");
        try {
            writeZip(candidate, all);
            try (BioimageIoZip zip = BioimageIoZip.open(candidate)) {
                List<String> problems = BioimageIoValidator.problems(zip);
                if (!problems.isEmpty()) {
                    throw new ExportException("The exported bioimage.io description fails the specification check: "
                            + String.join("; ", problems));
                }
                BioimageIoReader.read(zip.rdf(), zip.fileName());
            }
            AtomicFiles.write(target, tmp -> Files.copy(candidate, tmp));
        } finally {
            Files.deleteIfExists(candidate);
            Files.deleteIfExists(folder);
        }
        return new ExportResult(target, module.pytorchVersion(), module.pythonDifference(),
                module.reloadedDifference(), notes);
    }

    /** The processing that bioimage.io tools must apply for this model. */
    private static DeclaredProcessing processing(ModelDescriptor.Normalization n, List<String> notes) {
        if (n.isDeclared()) {
            return n.declared();
        }
        List<ProcessingStep> pre = new ArrayList<>();
        pre.add(new ProcessingStep.ScaleRange(n.lowPercentile(), n.highPercentile(), 1e-6, false, true, false));
        if (n.networkLow() != 0 || n.networkHigh() != 1) {
            pre.add(new ProcessingStep.ScaleLinear(List.of(n.networkHigh() - n.networkLow()),
                    List.of(n.networkLow())));
        }
        notes.add("Outputs of the exported model are in the network's range: " + n.networkLow() + " stands for the "
                + n.lowPercentile() + "th percentile of the input and " + n.networkHigh() + " for its "
                + n.highPercentile() + "th. bioimage.io has no postprocessing that undoes a normalization measured on "
                + "each input; imagej-gan maps outputs back to intensities itself.");
        return new DeclaredProcessing(pre, List.of());
    }

    /** The smallest valid input edge: a multiple of the divisor, at least the module's minimum, wider than 2 halos. */
    private static int minimumSize(TorchScriptSpec spec, int halo) {
        int d = spec.divisor();
        int size = Math.max(spec.minimumSize(), 2 * halo + 1);
        return (size + d - 1) / d * d;
    }

    /** A seeded image of blurred spots on a background with noise, in the intensities of a 16-bit camera. */
    private static TensorPlanes testImage(int channels, int size) {
        Random random = new Random(11);
        float[][] planes = new float[channels][size * size];
        for (int c = 0; c < channels; c++) {
            double[][] spots = new double[12][];
            for (int s = 0; s < spots.length; s++) {
                spots[s] = new double[] { random.nextDouble() * size, random.nextDouble() * size,
                        2 + random.nextDouble() * size / 10, 300 + 700 * random.nextDouble() };
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 100 + 20 * random.nextGaussian();
                    for (double[] s : spots) {
                        double r2 = (x - s[0]) * (x - s[0]) + (y - s[1]) * (y - s[1]);
                        v += s[3] * Math.exp(-r2 / (2 * s[2] * s[2]));
                    }
                    planes[c][y * size + x] = (float) v;
                }
            }
        }
        return new TensorPlanes(channels, size, size, planes);
    }

    private static Map<String, Object> rdf(ModelDescriptor d, TorchScriptSpec spec, DeclaredProcessing processing,
            TorchScriptExporter.Module module, int halo, int minimum, Map<String, byte[]> files,
            ExportOptions options) {
        List<Object> authors = new ArrayList<>();
        options.authors().forEach(a -> authors.add(map("name", a)));
        Map<String, Object> input = map("id", INPUT,
                "description", "image, " + spec.inputChannels() + " channel" + (spec.inputChannels() == 1 ? "" : "s"),
                "axes", axes(spec.inputAxes(), spec.inputChannels(), true, spec, halo, minimum),
                "test_tensor", map("source", "test_input.npy", "sha256", Sha256.hex(files.get("test_input.npy"))),
                "data", map("type", "float32"),
                "preprocessing", steps(processing.preprocessing(), INPUT));
        Map<String, Object> output = map("id", OUTPUT,
                "description", d.task().id() + " result",
                "axes", axes(spec.outputAxes(), spec.outputChannels(), false, spec, halo, minimum),
                "test_tensor", map("source", "test_output.npy", "sha256", Sha256.hex(files.get("test_output.npy"))),
                "data", map("type", "float32"),
                "postprocessing", steps(processing.postprocessing(), OUTPUT));
        String description = d.description().isBlank() ? "A " + d.task().id() + " model trained with imagej-gan."
                : d.description();
        return map("format_version", FORMAT_VERSION,
                "type", "model",
                "name", name(d.name()),
                "description", description.length() > 1024 ? description.substring(0, 1021) + "..." : description,
                "authors", authors,
                "cite", List.of(map("text", "imagej-gan: restoring images with generative adversarial networks in "
                        + "ImageJ/Fiji", "url", "https://github.com/imagej-gan/imagej-gan")),
                "license", options.license(),
                "documentation", "README.md",
                "covers", List.of("cover.png"),
                "tags", List.of("imagej-gan", d.task().id(), "2d", "pytorch"),
                "timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                "inputs", List.of(input),
                "outputs", List.of(output),
                "weights", map("torchscript", map("source", "weights.pt", "sha256",
                        Sha256.hex(files.get("weights.pt")), "pytorch_version", module.pytorchVersion())),
                "config", map("imagej_gan", map("task", d.task().id(), "network", d.generator().type(),
                        "tile_size", d.tiling().tileSize())));
    }

    /** bioimage.io names: 5 to 128 letters, digits, '_', '-', '(', ')' and spaces. */
    private static String name(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_\\- ()]", " ").strip();
        if (clean.length() < 5) {
            clean = ("imagej-gan " + clean).strip();
        }
        return clean.length() > 128 ? clean.substring(0, 128) : clean;
    }

    private static List<Object> axes(String layout, int channels, boolean input, TorchScriptSpec spec, int halo,
            int minimum) {
        List<Object> axes = new ArrayList<>();
        for (char a : layout.toCharArray()) {
            switch (a) {
            case 'b' -> axes.add(map("type", "batch"));
            case 'c' -> {
                List<String> names = new ArrayList<>();
                for (int c = 0; c < channels; c++) {
                    names.add("channel" + c);
                }
                axes.add(map("type", "channel", "channel_names", names));
            }
            default -> {
                String id = String.valueOf(a);
                if (input) {
                    axes.add(map("type", "space", "id", id, "size", map("min", minimum, "step", spec.divisor())));
                } else {
                    Map<String, Object> axis = map("type", "space", "id", id,
                            "size", map("tensor_id", INPUT, "axis_id", id), "scale", 1.0 / spec.scale());
                    if (halo > 0) {
                        axis.put("halo", halo * spec.scale());
                    }
                    axes.add(axis);
                }
            }
            }
        }
        return axes;
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

    private static String readme(ModelDescriptor d, DeclaredProcessing processing, List<String> notes) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(d.name()).append("\n\n").append(d.description()).append("\n\n");
        s.append("Exported from an imagej-gan model package (task: ").append(d.task().id()).append(", network: ")
                .append(d.generator().type()).append(", ").append(d.inputChannels()).append(" channel(s) in, ")
                .append(d.outputChannels()).append(" out, scale ").append(d.scale()).append(").\n\n");
        s.append("## Processing\n\n");
        for (ProcessingStep step : processing.preprocessing()) {
            s.append("- preprocessing: ").append(step).append('\n');
        }
        for (ProcessingStep step : processing.postprocessing()) {
            s.append("- postprocessing: ").append(step).append('\n');
        }
        for (String note : notes) {
            s.append("\n").append(note).append('\n');
        }
        s.append("\n## Training\n\n");
        ModelDescriptor.Provenance p = d.provenance();
        s.append("- data: ").append(p.data().isBlank() ? "not recorded" : p.data()).append('\n');
        s.append("- steps: ").append(p.steps()).append(", seed: ").append(p.seed()).append('\n');
        s.append("- software: ").append(p.software().isBlank() ? "imagej-gan" : p.software()).append('\n');
        s.append("\n## Validation\n\n");
        if (d.metrics().isEmpty()) {
            s.append("No evaluation was recorded with this model. Check its results against ground truth before ")
                    .append("relying on them.\n");
        } else {
            d.metrics().forEach((k, v) -> s.append("- ").append(k).append(": ")
                    .append(String.format(Locale.ROOT, "%.4g", v)).append('\n'));
        }
        return s.toString();
    }

    /** Input and output side by side, first channel, each stretched to 8 bits, at the output's size. */
    private static byte[] cover(TensorPlanes input, TensorPlanes output) throws IOException {
        int w = output.width();
        int h = output.height();
        BufferedImage image = new BufferedImage(2 * w, h, BufferedImage.TYPE_BYTE_GRAY);
        paint(image, input, 0, w, h);
        paint(image, output, w, w, h);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private static void paint(BufferedImage image, TensorPlanes planes, int left, int w, int h) {
        float[] p = planes.planes()[0];
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : p) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max > min ? max - min : 1;
        var raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = x * planes.width() / w;
                int sy = y * planes.height() / h;
                raster.setSample(left + x, y, 0, Math.round((p[sy * planes.width() + sx] - min) / range * 255));
            }
        }
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
