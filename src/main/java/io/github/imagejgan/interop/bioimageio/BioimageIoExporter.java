package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
 * Writes a model package as a bioimage.io model zip, format 0.5 in its current patch version: {@code rdf.yaml}, the
 * TorchScript weights, a test input (see {@link TestInput}) with the output this model gives for it (as bioimage.io
 * tools compute it: the whole sample at once, with the declared processing), a cover image and a README. An
 * inpainting model takes the mask as a second input, which no processing step touches. The archive
 * is then checked with {@link BioimageIoValidator} and read back with {@link BioimageIoReader}; only an archive that
 * passes both replaces the target.
 *
 * <p>A model trained here is described by the options' authors and licence. A model imported from bioimage.io keeps
 * what its own description promised ({@link OriginalDescription}): authors, licence, citations and links, input
 * sizes, halo and the PyTorch version of its weights; imagej-gan only packages it.
 *
 * <p>Percentile normalization becomes the preprocessing step {@code scale_range} (with {@code scale_linear} for
 * networks trained on another range than [0, 1]). bioimage.io has no postprocessing that undoes a normalization
 * measured on each input, so the exported model's outputs stay in the network's range; imagej-gan's own path maps
 * them back to intensities.
 */
public final class BioimageIoExporter {

    static final String FORMAT_VERSION = "0.5.7";

    private BioimageIoExporter() {
    }

    public static ExportResult export(Path packageFile, Path target, ExportOptions options) throws IOException {
        ModelPackage pkg = ModelPackage.open(packageFile);
        ModelDescriptor d = pkg.descriptor();
        if (d.tiling().slices() > 1) {
            // NB: bioimage.io would read the neighbouring slices as channels of one image and feed them as such.
            throw new ExportException("Model '" + d.name() + "' denoises each slice of a z-stack from "
                    + d.tiling().slices() + " neighbouring slices; the bioimage.io format has no way to say that its "
                    + "channels are slices, so it is not exported.");
        }
        if (d.task() == ModelTask.SYNTHESIS) {
            // NB: its second input is a noise plane drawn from each pixel's position (so that tiles agree), which
            // bioimage.io consumers would not know to make.
            throw new ExportException("Model '" + d.name() + "' is a label-to-image (SPADE) generator: it takes label "
                    + "ids and a plane of noise, which bioimage.io has no way to describe, so it is not exported "
                    + "there. Export it to TorchScript (export-torchscript) for PyTorch; it runs in Fiji, macros and "
                    + "the command line.");
        }
        if (d.generator().noiseMap()) {
            // NB: the map comes from an estimate of the whole image's noise, which no bioimage.io preprocessing makes.
            throw new ExportException("Model '" + d.name() + "' also takes a noise map that the plugin estimates "
                    + "from the whole image; bioimage.io has no preprocessing that makes it, so it is not exported "
                    + "there. Export it to TorchScript (export-torchscript) for PyTorch; it runs in Fiji, macros and "
                    + "the command line.");
        }
        List<String> notes = new ArrayList<>();
        OriginalDescription original = OriginalDescription.of(pkg);
        Map<String, Object> attribution = original != null ? original.attribution(options) : ownAttribution(d,
                options);
        // NB: the mask is an input of its own, so that the image's preprocessing never touches it.
        TorchScriptExporter.Module module = TorchScriptExporter.export(pkg, options, d.task() == ModelTask.INPAINT);
        TorchScriptSpec spec = module.spec();
        ExportTensors.Names names = original != null ? original.names() : ExportTensors.Names.OWN;
        String pytorchVersion = original != null ? original.pytorchVersion(notes) : module.pytorchVersion();
        DeclaredProcessing processing = processing(d.normalization(), notes);
        if (spec.maskInput()) {
            notes.add("The second input, " + names.mask() + ", marks the pixels to fill with 1 and those to keep with "
                    + "0, and is taken as it is. Kept pixels come back as the preprocessed image; only the marked "
                    + "ones are filled.");
        }
        ModelDescriptor asExported = new ModelDescriptor(d.name(), d.description(), d.task(), spec,
                ModelDescriptor.Normalization.declared(processing), d.tiling(), d.provenance(), d.metrics());
        ExportTensors.Shape shape = shape(spec, original);
        TestInput.Sample input = TestInput.of(options.testImage(), d, shape.y(), shape.x());
        TensorPlanes output = BioimageIoImporter.runWhole(asExported, module.module(), input.image(),
                input.mask());

        String description = original != null && original.description() != null ? original.description()
                : d.description().isBlank() ? "A " + d.task().id() + " model trained with imagej-gan."
                : d.description();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("weights.pt", module.module());
        files.put("test_input.npy", input.image().toArray(spec.inputAxes()).toBytes());
        if (input.mask() != null) {
            files.put("test_mask.npy", input.mask().toArray(spec.inputAxes()).toBytes());
        }
        files.put("test_output.npy", output.toArray(spec.outputAxes()).toBytes());
        files.put("cover.png", ExportDocuments.cover(input.image(), output));
        files.put("README.md", ExportDocuments.readme(d, description, processing, notes, origin(original,
                attribution)).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> rdf = map("format_version", FORMAT_VERSION,
                "type", "model",
                "name", name(d.name()),
                "description", description.length() > 1024 ? description.substring(0, 1021) + "..." : description);
        rdf.putAll(attribution);
        rdf.putAll(map("documentation", "README.md",
                "covers", List.of("cover.png"),
                "timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                "inputs", inputs(spec, shape, names, files, processing),
                "outputs", List.of(ExportTensors.output(spec, shape, names, d.task().id() + " result",
                        Sha256.hex(files.get("test_output.npy")), processing.postprocessing())),
                "weights", map("torchscript", map("source", "weights.pt", "sha256",
                        Sha256.hex(files.get("weights.pt")), "pytorch_version", pytorchVersion)),
                "config", map("imagej_gan", map("task", d.task().id(), "network", d.generator().type(),
                        "tile_size", d.tiling().tileSize()))));
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("rdf.yaml", YamlValue.dump(rdf));
        all.putAll(files);
        writeChecked(target, all);
        return new ExportResult(target, pytorchVersion, module.pythonDifference(), module.reloadedDifference(),
                notes);
    }

    /** The image input, and the mask of an inpainting model. */
    private static List<Object> inputs(TorchScriptSpec spec, ExportTensors.Shape shape, ExportTensors.Names names,
            Map<String, byte[]> files, DeclaredProcessing processing) {
        List<Object> inputs = new ArrayList<>();
        inputs.add(ExportTensors.input(spec, shape, names, Sha256.hex(files.get("test_input.npy")),
                processing.preprocessing()));
        if (spec.maskInput()) {
            inputs.add(ExportTensors.mask(spec, shape, names, Sha256.hex(files.get("test_mask.npy"))));
        }
        return inputs;
    }

    /** Who made a model trained here, under which licence, and what to cite: the options, or the defaults. */
    private static Map<String, Object> ownAttribution(ModelDescriptor d, ExportOptions options) {
        List<Object> authors = new ArrayList<>();
        (options.authors().isEmpty() ? List.of(ExportOptions.DEFAULT_AUTHOR) : options.authors())
                .forEach(a -> authors.add(map("name", a)));
        return map("authors", authors,
                "cite", List.of(map("text", "imagej-gan: restoring images with generative adversarial networks in "
                        + "ImageJ/Fiji", "url", "https://github.com/imagej-gan/imagej-gan")),
                "license", options.license() == null ? ExportOptions.DEFAULT_LICENSE : options.license(),
                "tags", List.of("imagej-gan", d.task().id(), "2d", "pytorch"));
    }

    /** For the README: whose model an imported one is. */
    private static String origin(OriginalDescription original, Map<String, Object> attribution) {
        if (original == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        ((List<?>) attribution.get("authors")).forEach(a -> names.add(String.valueOf(((Map<?, ?>) a).get("name"))));
        return "This is the bioimage.io model \"" + original.name() + "\" (format " + original.formatVersion()
                + ") by " + String.join(", ", names) + ", licensed " + attribution.get("license") + ", packaged by "
                + OriginalDescription.PACKAGER + " with its weights unchanged.";
    }

    /**
     * The sizes and halo the description promises: an imported model's own; for a model trained here, sizes that
     * are multiples of its divisor, wider than two halos, and a halo of its receptive field rounded up to even.
     */
    private static ExportTensors.Shape shape(TorchScriptSpec spec, OriginalDescription original) {
        int halo = (spec.receptiveFieldRadius() + 1) / 2 * 2;
        SizeRule own = spec.fixedSize() ? new SizeRule(spec.minimumSize(), 0)
                : new SizeRule(minimumSize(spec, halo), spec.divisor());
        if (original == null) {
            return new ExportTensors.Shape(null, own, own, halo * spec.scale(), halo * spec.scale());
        }
        SizeRule y = original.inputSize('y');
        SizeRule x = original.inputSize('x');
        return new ExportTensors.Shape(original.inputSize('b'), y == null ? own : y, x == null ? own : x,
                original.outputHalo('y'), original.outputHalo('x'));
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

    /** bioimage.io names: 5 to 128 letters, digits, '_', '-', '(', ')' and spaces. */
    private static String name(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_\\- ()]", " ").strip();
        if (clean.length() < 5) {
            clean = ("imagej-gan " + clean).strip();
        }
        return clean.length() > 128 ? clean.substring(0, 128) : clean;
    }

    /**
     * Writes the archive to a temporary file, checks it against the specification and reads it back; only an
     * archive that passes both replaces the target.
     */
    private static void writeChecked(Path target, Map<String, byte[]> entries) throws IOException {
        Path folder = Files.createTempDirectory("imagej-gan-bioimageio");
        Path candidate = folder.resolve("model.zip");
        try {
            writeZip(candidate, entries);
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
