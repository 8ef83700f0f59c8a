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
import io.github.imagejgan.image.DeviceSelector;
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
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Turns a bioimage.io model zip (format 0.4 or 0.5, TorchScript weights) into a model package: axes become the
 * module's layout, sizes the divisor and minimum tile (or the one tile size), the halo the tiling halo (or the
 * measured receptive field, if larger), and the pre- and postprocessing the package's declared processing; the task
 * is the one imagej-gan recorded, if it exported the model. The model is then run on its own test input, and the
 * agreement with its test output is reported. The package keeps the original rdf.yaml for later exports.
 */
public final class BioimageIoImporter {

    private static final int DEFAULT_TILE = 256;
    private static final int GLOBAL_OVERLAP = 32;

    private BioimageIoImporter() {
    }

    public static ImportResult importZip(Path file, Path target, ImportOptions options) throws IOException {
        List<String> notes = new ArrayList<>();
        try (BioimageIoZip zip = BioimageIoZip.open(file)) {
            BioimageIoModel model = BioimageIoReader.read(zip.rdf(), zip.fileName());
            if (options.task() != null && (options.task() == ModelTask.INPAINT) != (model.mask() != null)) {
                throw new ModelFormatException(model.mask() == null ? zip.fileName() + " takes no inpainting mask "
                        + "(a second input whose name contains 'mask'), so it cannot be imported for inpainting. "
                        + "Choose another task." : zip.fileName() + " takes an inpainting mask as its second input: "
                        + "import it for inpainting.");
            }
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
            // NB: the original description travels with the package, so that a re-export keeps its authors, licence
            // and promises.
            ModelPackage.writeTorchScript(target, descriptor, weights, Map.of(OriginalDescription.ENTRY,
                    zip.rdfBytes()));
            return new ImportResult(target, descriptor, notes);
        }
    }

    private static ModelDescriptor describe(BioimageIoZip zip, BioimageIoModel model, byte[] weights,
            ImportOptions options, List<String> notes) {
        BioimageIoModel.Tensor in = model.input();
        BioimageIoModel.Tensor out = model.output();
        int halo = out.halo();
        boolean global = false;
        Measured measured = measure(zip, model, weights, halo);
        NetworkProbe.Reach reach = measured.reach();
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
        int overlap = global ? GLOBAL_OVERLAP : 0;
        if (in.fixedSize()) {
            halo = fixedSizeHalo(in.minimumSize(), halo, overlap, notes);
        }
        TorchScriptSpec spec = moduleSpec(model, measured.grid(), halo, global);
        ModelTask task = task(model, out, options, notes);
        ModelDescriptor.Tiling tiling;
        if (in.fixedSize()) {
            tiling = new ModelDescriptor.Tiling(in.minimumSize(), halo, overlap);
        } else {
            // Tiles must reach the model's minimum size even for tiny images: the margin on both sides makes up the
            // difference between the smallest core (one divisor) and that size.
            int minimumHalo = (int) Math.ceil((in.minimumSize() - in.divisor()) / 2.0);
            tiling = new ModelDescriptor.Tiling(options.tileSize() > 0 ? options.tileSize() : DEFAULT_TILE,
                    Math.max(halo, minimumHalo), overlap);
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

    /** The module as the image path runs it: a mask input is the last of its input channels. */
    private static TorchScriptSpec moduleSpec(BioimageIoModel model, int divisor, int halo, boolean global) {
        BioimageIoModel.Tensor in = model.input();
        BioimageIoModel.Tensor out = model.output();
        TorchScriptSpec spec = new TorchScriptSpec(in.channels() + (model.mask() == null ? 0 : 1), out.channels(),
                out.scale(), divisor, in.minimumSize(), halo, global, in.axes(), out.axes(), in.fixedSize());
        return model.mask() == null ? spec : spec.withMaskInput();
    }

    /**
     * The halo of a model that takes one input size: tiles of exactly that size keep the halo on every side, so at
     * most a quarter of the size, which leaves half of every tile as its core.
     */
    private static int fixedSizeHalo(int size, int halo, int overlap, List<String> notes) {
        int largest = size / 4 - overlap / 2;
        if (halo > largest) {
            notes.add("The model takes only " + size + " x " + size + " pixels, too few for a halo of " + halo
                    + ": tiles of that size get a halo of " + largest + ", so seams may show.");
            return largest;
        }
        notes.add("The model takes only " + size + " x " + size + " pixels: images are cut into tiles of that size, "
                + "each with a halo of " + halo + " pixels around the part it contributes.");
        return halo;
    }

    /**
     * The task the options state; else the one imagej-gan recorded when it exported the model; else super-resolution
     * for a larger output and denoising otherwise.
     */
    private static ModelTask task(BioimageIoModel model, BioimageIoModel.Tensor out, ImportOptions options,
            List<String> notes) {
        if (options.task() != null) {
            return options.task();
        }
        if (model.mask() != null) {
            notes.add("Task inpaint: the model takes an inpainting mask (" + model.mask().id() + ") beside the image.");
            return ModelTask.INPAINT;
        }
        String recorded = model.imagejGanTask();
        if (recorded != null) {
            try {
                ModelTask task = ModelTask.fromId(recorded);
                if (task != ModelTask.INPAINT) {
                    notes.add("Task " + task.id() + ", as config.imagej_gan.task records.");
                    return task;
                }
            } catch (ModelFormatException e) {
                // An unknown task from another version is guessed like an unrecorded one; the note says so.
            }
            notes.add("config.imagej_gan.task names '" + recorded + "', which cannot run here; the task is guessed.");
        }
        ModelTask task = out.scale() > 1 ? ModelTask.SUPER_RESOLUTION : ModelTask.DENOISE;
        notes.add("Task " + task.id() + " (bioimage.io does not say; " + (out.scale() > 1 ? "the output is "
                + out.scale() + " times larger" : "the output has the input's size") + "). State another task "
                + "if the model does something else.");
        return task;
    }

    /**
     * What running the module showed.
     *
     * @param reach how far one input pixel's influence reaches
     * @param grid  the size divisor the description declares; for a model of one input size, the grid of its strided
     *              layers, which tile offsets must keep so that tiles compute what the whole input would
     */
    private record Measured(NetworkProbe.Reach reach, int grid) {
    }

    /** Runs the module on valid inputs and measures its receptive field (and, at one input size, its grid). */
    private static Measured measure(BioimageIoZip zip, BioimageIoModel model, byte[] weights, int halo) {
        BioimageIoModel.Tensor in = model.input();
        BioimageIoModel.Tensor out = model.output();
        TorchScriptSpec spec = moduleSpec(model, in.divisor(), halo, false);
        int size = in.fixedSize() ? in.minimumSize() : Math.max(128, in.minimumSize());
        size = (size + in.divisor() - 1) / in.divisor() * in.divisor();
        try (NDManager manager = DeviceSelector.newManager(Device.cpu())) {
            GradientMode.disableOnThisThread();
            TorchScriptNetwork network;
            try {
                network = TorchScriptNetwork.load(weights, spec, manager);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(zip.fileName() + ": " + e.getMessage(), e);
            }
            NetworkProbe probe = new NetworkProbe(network, manager);
            NetworkProbe.Geometry geometry = new NetworkProbe.Geometry(spec.inputChannels(), out.channels(),
                    out.scale());
            int grid = in.fixedSize() ? grid(probe, geometry, size) : in.divisor();
            try {
                return new Measured(probe.reach(geometry, size, grid), grid);
            } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
                throw new ModelFormatException(zip.fileName() + ": the TorchScript weights fail on a valid "
                        + size + " x " + size + " input of " + in.channels() + " channel(s) with axes '" + in.axes()
                        + "'" + (model.mask() == null ? "" : " and a mask") + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The grid of a module that the description allows one size only: the size divisor that smaller probe inputs
     * show, if it divides that size and leaves room for tiles; else 1. The module only ever runs at the declared
     * size; the probe merely asks where its pooling grid lies.
     */
    private static int grid(NetworkProbe probe, NetworkProbe.Geometry geometry, int size) {
        try {
            int d = probe.divisor(geometry, Math.max(1, Math.min(64, size / 4)));
            return size % d == 0 ? d : 1;
        } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
            // NB: a module that runs at no other size has no grid to keep; tiles then start anywhere.
            return 1;
        }
    }

    /**
     * Runs the imported model on the test input the way bioimage.io tools do (the whole sample at once, with the
     * declared processing) and compares with the test output.
     */
    private static void checkTestTensors(BioimageIoZip zip, BioimageIoModel model, ModelDescriptor descriptor,
            byte[] weights, List<String> notes) throws IOException {
        List<String> tests = new ArrayList<>(List.of(String.valueOf(model.testInput()),
                String.valueOf(model.testOutput())));
        if (model.mask() != null) {
            tests.add(String.valueOf(model.testMask()));
        }
        if (!tests.stream().allMatch(zip::has)) {
            notes.add("The model has no test tensors in the archive, so its reproduction was not checked.");
            return;
        }
        TensorPlanes input = testTensor(zip, model.testInput(), model.input());
        TensorPlanes expected = testTensor(zip, model.testOutput(), model.output());
        TensorPlanes mask = model.mask() == null ? null : testTensor(zip, model.testMask(), model.mask());
        TensorPlanes actual = runWhole(descriptor, weights, input, mask);
        double difference = actual.maxDifference(expected);
        double tolerance = 1e-4 * Math.max(1, expected.maxAbs());
        notes.add(difference <= tolerance
                ? String.format(Locale.ROOT, "The model reproduces its test output (largest difference %.2g).",
                        difference)
                : String.format(Locale.ROOT, "Warning: the model differs from its test output by up to %.3g (more "
                        + "than %.2g); check its results before relying on them.", difference, tolerance));
    }

    private static TensorPlanes testTensor(BioimageIoZip zip, String file, BioimageIoModel.Tensor tensor)
            throws IOException {
        return TensorPlanes.of(NpyArray.read(zip.read(file, BioimageIoZip.MAX_TENSOR_BYTES), file), tensor.axes(),
                file);
    }

    /**
     * The model's result on one sample run as one tile, without halo, as bioimage.io runs test tensors.
     *
     * @param mask for an inpainting model, 1 where a pixel is to be filled; null otherwise
     */
    static TensorPlanes runWhole(ModelDescriptor descriptor, byte[] weights, TensorPlanes input, TensorPlanes mask)
            throws IOException {
        int size = Math.max(input.height(), input.width());
        // No context beyond the sample: prediction would otherwise add the network's reach as mirrored halo.
        TorchScriptSpec withoutHalo = ((TorchScriptSpec) descriptor.generator()).withReceptiveFieldRadius(0);
        ModelDescriptor whole = new ModelDescriptor(descriptor.name(), descriptor.description(), descriptor.task(),
                withoutHalo, descriptor.normalization(), new ModelDescriptor.Tiling(size, 0, 0),
                descriptor.provenance(), descriptor.metrics());
        Path folder = Files.createTempDirectory("imagej-gan-check");
        Path file = folder.resolve("check.zip");
        try {
            ModelPackage.writeTorchScript(file, whole, weights);
            try (LoadedModel model = ModelPackage.load(file, Device.cpu())) {
                // NB: the network alone (strength 1), as the package's test output was made.
                return TensorPlanes.of(new Predictor(model).predict(input.toImage("test input"), mask == null ? null
                        : InpaintMask.of(mask.toImage("test mask")),
                        PredictionOptions.DEFAULT.withStrength(1), TaskMonitor.NONE));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }
}
