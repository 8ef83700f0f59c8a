package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import io.github.imagejgan.interop.ImportOptions;
import io.github.imagejgan.interop.ImportResult;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.nn.NetworkProbe;
import io.github.imagejgan.nn.TorchScriptNetwork;
import io.github.imagejgan.nn.TorchScriptSpec;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Turns a bioimage.io model zip (format 0.4 or 0.5, TorchScript weights) into a model package: axes become the
 * module's layout, sizes the divisor and minimum tile, the halo the tiling halo (or the measured receptive field, if
 * larger), and the pre- and postprocessing the package's declared processing. The model is then run on its own test
 * input, and the agreement with its test output is reported.
 */
public final class BioimageIoImporter {

    private static final int DEFAULT_TILE = 256;
    private static final int GLOBAL_OVERLAP = 32;

    private BioimageIoImporter() {
    }

    public static ImportResult importZip(Path file, Path target, ImportOptions options) throws IOException {
        if (options.task() == ModelTask.INPAINT) {
            throw new ModelFormatException("bioimage.io models cannot be imported for inpainting: their processing "
                    + "steps would treat the mask channel like the image. Choose another task.");
        }
        List<String> notes = new ArrayList<>();
        try (BioimageIoZip zip = BioimageIoZip.open(file)) {
            BioimageIoModel model = BioimageIoReader.read(zip.rdf(), zip.fileName());
            List<String> deviations = BioimageIoValidator.problems(zip);
            if (!deviations.isEmpty()) {
                notes.add("rdf.yaml deviates from the bioimage.io specification: " + String.join("; ", deviations)
                        + ".");
            }
            byte[] weights = zip.read(model.weightsSource(), BioimageIoZip.MAX_WEIGHTS_BYTES);
            if (model.weightsSha256() != null && !Sha256.matches(model.weightsSha256(), weights)) {
                throw new ModelFormatException(zip.fileName() + ": " + model.weightsSource() + " does not match the "
                        + "sha256 that rdf.yaml gives for it; the archive is corrupt or was altered.");
            }
            ModelDescriptor descriptor = describe(zip, model, weights, options, notes);
            checkTestTensors(zip, model, descriptor, weights, notes);
            ModelPackage.writeTorchScript(target, descriptor, weights);
            return new ImportResult(target, descriptor, notes);
        }
    }

    private static ModelDescriptor describe(BioimageIoZip zip, BioimageIoModel model, byte[] weights,
            ImportOptions options, List<String> notes) {
        BioimageIoModel.Tensor in = model.input();
        BioimageIoModel.Tensor out = model.output();
        int halo = out.halo();
        boolean global = false;
        if (in.fixedSize()) {
            notes.add("The model takes only " + in.minimumSize() + " x " + in.minimumSize() + " pixels: images are "
                    + "cut into tiles of exactly that size, without context around them, so seams may show.");
        } else {
            NetworkProbe.Reach reach = measure(zip, in, out, weights, halo);
            if (reach.global()) {
                global = true;
                halo = Math.max(halo, reach.radius());
                notes.add("Every output pixel changed when one input pixel did (statistics of the whole input, or a "
                        + "very large receptive field): tiles get a halo of " + halo + " and are blended over "
                        + GLOBAL_OVERLAP + " pixels.");
            } else if (reach.radius() > halo) {
                notes.add("The model declares a halo of " + halo + " input pixels but its receptive field reaches "
                        + reach.radius() + "; tiles get the larger halo so that they join without seams.");
                halo = reach.radius();
            }
        }
        TorchScriptSpec spec = new TorchScriptSpec(in.channels(), out.channels(), out.scale(), in.divisor(),
                in.minimumSize(), halo, global, in.axes(), out.axes());
        ModelTask task = options.task() != null ? options.task()
                : out.scale() > 1 ? ModelTask.SUPER_RESOLUTION : ModelTask.DENOISE;
        if (options.task() == null) {
            notes.add("Task " + task.id() + " (bioimage.io does not say; " + (out.scale() > 1 ? "the output is "
                    + out.scale() + " times larger" : "the output has the input's size") + "). State another task "
                    + "if the model does something else.");
        }
        ModelDescriptor.Tiling tiling;
        if (in.fixedSize()) {
            tiling = new ModelDescriptor.Tiling(in.minimumSize(), 0, 0);
        } else {
            // Tiles must reach the model's minimum size even for tiny images: the margin on both sides makes up the
            // difference between the smallest core (one divisor) and that size.
            int minimumHalo = (int) Math.ceil((in.minimumSize() - in.divisor()) / 2.0);
            tiling = new ModelDescriptor.Tiling(options.tileSize() > 0 ? options.tileSize() : DEFAULT_TILE,
                    Math.max(halo, minimumHalo), global ? GLOBAL_OVERLAP : 0);
        }
        String base = zip.fileName().replaceFirst("(?i)\\.zip$", "");
        String name = options.name() != null && !options.name().isBlank() ? options.name()
                : model.name() != null && !model.name().isBlank() ? model.name() : base;
        String description = options.description() != null ? options.description()
                : (model.description() == null ? "" : model.description().strip() + " ")
                        + "(bioimage.io model " + model.formatVersion() + ", imported from " + zip.fileName() + ")";
        return new ModelDescriptor(name, description, task, spec,
                ModelDescriptor.Normalization.declared(new DeclaredProcessing(in.processing(), out.processing())),
                tiling, new ModelDescriptor.Provenance("imported from " + zip.fileName(), Map.of(), 0, 0, 0,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "bioimage.io model (format "
                                + model.formatVersion() + "), imported by imagej-gan"),
                Map.of());
    }

    /** Runs the module once on a valid input and measures its receptive field there. */
    private static NetworkProbe.Reach measure(BioimageIoZip zip, BioimageIoModel.Tensor in,
            BioimageIoModel.Tensor out, byte[] weights, int halo) {
        TorchScriptSpec spec = new TorchScriptSpec(in.channels(), out.channels(), out.scale(), in.divisor(),
                in.minimumSize(), halo, false, in.axes(), out.axes());
        int size = Math.max(128, in.minimumSize());
        size = (size + in.divisor() - 1) / in.divisor() * in.divisor();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            GradientMode.disableOnThisThread();
            TorchScriptNetwork network;
            try {
                network = TorchScriptNetwork.load(weights, spec, manager);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(zip.fileName() + ": " + e.getMessage(), e);
            }
            try {
                return new NetworkProbe(network, manager).reach(new NetworkProbe.Geometry(in.channels(),
                        out.channels(), out.scale()), size, in.divisor());
            } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
                throw new ModelFormatException(zip.fileName() + ": the TorchScript weights fail on a valid "
                        + size + " x " + size + " input of " + in.channels() + " channel(s) with axes '" + in.axes()
                        + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs the imported model on the test input the way bioimage.io tools do (the whole sample at once, with the
     * declared processing) and compares with the test output.
     */
    private static void checkTestTensors(BioimageIoZip zip, BioimageIoModel model, ModelDescriptor descriptor,
            byte[] weights, List<String> notes) throws IOException {
        if (model.testInput() == null || model.testOutput() == null || !zip.has(model.testInput())
                || !zip.has(model.testOutput())) {
            notes.add("The model has no test tensors in the archive, so its reproduction was not checked.");
            return;
        }
        TensorPlanes input = TensorPlanes.of(NpyArray.read(zip.read(model.testInput(),
                BioimageIoZip.MAX_TENSOR_BYTES), model.testInput()), model.input().axes(), model.testInput());
        TensorPlanes expected = TensorPlanes.of(NpyArray.read(zip.read(model.testOutput(),
                BioimageIoZip.MAX_TENSOR_BYTES), model.testOutput()), model.output().axes(), model.testOutput());
        TensorPlanes actual = runWhole(descriptor, weights, input);
        double difference = actual.maxDifference(expected);
        double tolerance = 1e-4 * Math.max(1, expected.maxAbs());
        notes.add(difference <= tolerance
                ? String.format(Locale.ROOT, "The model reproduces its test output (largest difference %.2g).",
                        difference)
                : String.format(Locale.ROOT, "Warning: the model differs from its test output by up to %.3g (more "
                        + "than %.2g); check its results before relying on them.", difference, tolerance));
    }

    /** The model's result on one sample run as one tile, without halo, as bioimage.io runs test tensors. */
    static TensorPlanes runWhole(ModelDescriptor descriptor, byte[] weights, TensorPlanes input) throws IOException {
        int size = Math.max(input.height(), input.width());
        // No context beyond the sample: prediction would otherwise add the network's reach as mirrored halo.
        TorchScriptSpec g = (TorchScriptSpec) descriptor.generator();
        TorchScriptSpec withoutHalo = new TorchScriptSpec(g.inputChannels(), g.outputChannels(), g.scale(),
                g.divisor(), g.minimumSize(), 0, g.wholeInputStatistics(), g.inputAxes(), g.outputAxes());
        ModelDescriptor whole = new ModelDescriptor(descriptor.name(), descriptor.description(), descriptor.task(),
                withoutHalo, descriptor.normalization(), new ModelDescriptor.Tiling(size, 0, 0),
                descriptor.provenance(), descriptor.metrics());
        Path folder = Files.createTempDirectory("imagej-gan-check");
        Path file = folder.resolve("check.zip");
        try {
            ModelPackage.writeTorchScript(file, whole, weights);
            try (LoadedModel model = ModelPackage.load(file, Device.cpu())) {
                return TensorPlanes.of(new Predictor(model).predict(input.toImage("test input"), null,
                        PredictionOptions.DEFAULT, TaskMonitor.NONE));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }
}
