package io.github.imagejgan.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.ExportResult;
import io.github.imagejgan.interop.ImportOptions;
import io.github.imagejgan.interop.ImportResult;
import io.github.imagejgan.interop.InteropResources;
import io.github.imagejgan.interop.ModelExporter;
import io.github.imagejgan.interop.ModelImporter;
import io.github.imagejgan.interop.PublishedSchema;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.TorchScriptSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Export of packages trained here to TorchScript (rebuilt in PyTorch by Python) and to bioimage.io, checked by
 * importing the results again. These tests run the export script with a Python that has PyTorch; without one they
 * fail and say how to install it, so that CI cannot pass them silently.
 */
class ExportTest {

    @TempDir
    Path dir;

    /** A package with seeded random weights, large enough that every layer changes the result. */
    private Path trainedPackage(String name, NetworkSpec spec, ModelTask task, ModelDescriptor.Normalization n)
            throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed(5);
        Path file = dir.resolve(name + ".zip");
        try (NDManager manager = NDManager.newBaseManager()) {
            // He-initialized weights keep every layer's signal at one scale, so every layer changes the result.
            Block block = Networks.create(spec, manager);
            ModelDescriptor d = new ModelDescriptor(name, "a test model", task, spec, n,
                    ModelDescriptor.Tiling.forGenerator(spec, 32), null, Map.of("validationPsnr", 31.0));
            ModelPackage.write(file, d, block, Map.of());
        }
        return file;
    }

    private static ImagePlus image(int width, int height, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 200 + 800 * random.nextFloat() * random.nextFloat();
        }
        return new ImagePlus("cells", new FloatProcessor(width, height, pixels));
    }

    private static float[] predict(Path pkg, ImagePlus image) throws IOException {
        try (LoadedModel model = ModelPackage.load(pkg, Device.cpu())) {
            ImagePlus out = new Predictor(model).predict(image, null, PredictionOptions.DEFAULT.withTileSize(24),
                    TaskMonitor.NONE);
            return (float[]) out.getProcessor().getPixels();
        }
    }

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of("unet", new UNetSpec(1, 1, 2, 4, true, false, false), ModelTask.DENOISE, true),
                Arguments.of("unet-instance-norm", new UNetSpec(2, 1, 2, 4, false, false, true), ModelTask.STYLE,
                        false),
                Arguments.of("residual-sr", new ResidualSrSpec(1, 6, 2, 2), ModelTask.SUPER_RESOLUTION, true),
                Arguments.of("residual-sr-nearest", new ResidualSrSpec(1, 6, 1, 4, ResidualSrSpec.NEAREST),
                        ModelTask.SUPER_RESOLUTION, true),
                // A noise map is the last input channel; the module takes it as such (the importer cannot know).
                Arguments.of("unet-noise-map", new UNetSpec(2, 1, 2, 4, true, false, false, true), ModelTask.DENOISE,
                        false),
                Arguments.of("residual-sr-noise-map", new ResidualSrSpec(1, 6, 2, 2, ResidualSrSpec.BICUBIC, true),
                        ModelTask.SUPER_RESOLUTION, false),
                Arguments.of("inpainting", new InpaintingSpec(1, 2, 4), ModelTask.INPAINT, false),
                Arguments.of("inpainting-zero", new InpaintingSpec(1, 2, 4, InpaintingSpec.ZERO), ModelTask.INPAINT,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void everyGeneratorExportsToTorchScriptAndImportsBack(String name, NetworkSpec spec, ModelTask task,
            boolean comparePredictions) throws IOException {
        ModelDescriptor.Normalization n = ModelDescriptor.Normalization.DEFAULT.withNetworkRange(-1, 1);
        Path pkg = trainedPackage(name, spec, task, n);
        Path pt = dir.resolve(name + ".pt");
        ExportResult result = ModelExporter.exportTorchScript(pkg, pt, ExportOptions.DEFAULT);
        assertTrue(result.pythonDifference() < 1e-4, "PyTorch in Python against DJL: " + result.pythonDifference());
        assertTrue(result.reloadedDifference() < 1e-4, "saved module in DJL: " + result.reloadedDifference());
        assertFalse(result.pytorchVersion().isBlank());

        ImportResult imported = ModelImporter.importTorchScript(pt, dir.resolve(name + "-back.zip"),
                ImportOptions.INFER.withTask(task).withNormalization(n));
        ModelDescriptor back = imported.descriptor();
        assertEquals(spec.inputChannels(), back.inputChannels());
        assertEquals(spec.outputChannels(), back.outputChannels());
        assertEquals(spec.scale(), back.scale());
        assertEquals(spec.divisor(), back.generator().divisor());
        assertEquals(spec.usesWholeInputStatistics(), back.generator().usesWholeInputStatistics());
        if (!spec.usesWholeInputStatistics()) {
            // Nearest upsampling and pooling reach one pixel further on one side than the symmetric radius the spec
            // computes; the tile margin, rounded up to the divisor, covers that.
            int margin = (spec.receptiveFieldRadius() + spec.divisor() - 1) / spec.divisor() * spec.divisor();
            assertTrue(back.generator().receptiveFieldRadius() <= margin, "measured "
                    + back.generator().receptiveFieldRadius() + ", tile margin " + margin);
        }
        if (task == ModelTask.INPAINT) {
            ExportException e = assertThrows(ExportException.class, () -> ModelExporter.exportBioimageIo(
                    imported.target(), dir.resolve(name + "-bioimageio.zip"), ExportOptions.DEFAULT));
            assertTrue(e.getMessage().contains("takes the image and its mask as one tensor"), e.getMessage());
        }
        if (comparePredictions) {
            ImagePlus image = image(70, 50, 9);
            float[] original = predict(pkg, image);
            float[] again = predict(imported.target(), image);
            double diff = InteropResources.maxDifference(original, again);
            assertTrue(diff < 1e-3, "tiled predictions of the original and the round trip differ by " + diff
                    + " (intensities 200 to 1000)");
        }
    }

    @Test
    void packagesExportToBioimageIoThatPassTheSchemaCheckAndImportBack() throws IOException {
        // Percentiles 0 and 100: the input's minimum and maximum, easy to recompute here.
        Path pkg = trainedPackage("sr", new ResidualSrSpec(1, 6, 1, 2), ModelTask.SUPER_RESOLUTION,
                new ModelDescriptor.Normalization(0, 100));
        Path zip = dir.resolve("sr-bioimageio.zip");
        ExportResult result = ModelExporter.exportBioimageIo(pkg, zip, ExportOptions.DEFAULT
                .withAuthors(List.of("Ada Lovelace"), "MIT"));
        assertTrue(result.pythonDifference() < 1e-4 && result.reloadedDifference() < 1e-4, result.toString());
        assertTrue(result.notes().stream().anyMatch(s -> s.contains("network's range")), result.notes().toString());
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            assertEquals(List.of(), BioimageIoValidator.problems(archive));
            assertEquals(List.of(), PublishedSchema.problems(archive.rdfBytes()));
            YamlValue rdf = archive.rdf();
            assertEquals(BioimageIoExporter.FORMAT_VERSION, rdf.get("format_version").string());
            assertEquals("Ada Lovelace", rdf.get("authors").list().get(0).get("name").string());
            assertTrue(rdf.get("packaged_by").isMissing(), "whoever trained a model here is its author");
            assertEquals("MIT", rdf.get("license").string());
            YamlValue x = rdf.get("outputs").list().get(0).get("axes").list().get(3);
            assertEquals(0.5, x.get("scale").number());
            assertEquals(0, x.get("halo").integer() * x.get("scale").number() % 2, "even input halo");
            assertTrue(Sha256.matches(rdf.get("weights").get("torchscript").get("sha256").string(),
                    archive.read("weights.pt", BioimageIoZip.MAX_WEIGHTS_BYTES)));
            for (String file : List.of("README.md", "cover.png", "test_input.npy", "test_output.npy")) {
                assertTrue(archive.has(file), file);
            }
        }
        ImportResult back = ModelImporter.importBioimageIo(zip, dir.resolve("back.zip"), null);
        assertEquals(ModelTask.SUPER_RESOLUTION, back.descriptor().task());
        assertEquals(2, back.descriptor().scale());
        assertTrue(back.notes().stream().anyMatch(s -> s.startsWith("The model reproduces its test output")),
                back.notes().toString());

        ImagePlus image = image(70, 50, 3);
        float[] pixels = (float[]) image.getProcessor().getPixels();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float v : pixels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] original = predict(pkg, image);
        float[] again = predict(back.target(), image);
        double diff = 0;
        for (int i = 0; i < original.length; i++) {
            diff = Math.max(diff, Math.abs((original[i] - min) / (max - min) - again[i]));
        }
        assertTrue(diff < 1e-4, "the bioimage.io round trip gives the normalized outputs of the original, up to "
                + diff);
    }

    @Test
    void importedModelsExportWithoutPythonAndKeepTheirProcessing() throws IOException {
        Path original = InteropResources.copy("bioimageio-v05.zip", dir);
        ImportResult imported = ModelImporter.importBioimageIo(original, dir.resolve("imported.zip"), null);
        Path zip = dir.resolve("again.zip");
        ModelExporter.exportBioimageIo(imported.target(), zip, ExportOptions.DEFAULT.withPython("/no/such/python"));
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            assertEquals(List.of(), BioimageIoValidator.problems(archive));
        }
        ImportResult again = ModelImporter.importBioimageIo(zip, dir.resolve("again-imported.zip"), null);
        assertEquals(imported.descriptor().normalization(), again.descriptor().normalization());
        assertEquals(imported.descriptor().generator(), again.descriptor().generator());
        Path pt = dir.resolve("module.pt");
        ExportResult passOn = ModelExporter.exportTorchScript(imported.target(), pt, ExportOptions.DEFAULT
                .withPython("/no/such/python"));
        assertEquals(0.0, passOn.pythonDifference());
        assertTrue(Files.size(pt) > 1000);
    }

    @Test
    void aModelOfNeighbouringSlicesIsNotExportedAsOneOfChannels() throws IOException {
        Path pkg = TestModels.passThroughSlices(dir.resolve("slices.zip"), "slices", 2, 32);
        Path zip = dir.resolve("slices-bioimageio.zip");
        ExportException e = assertThrows(ExportException.class, () -> ModelExporter.exportBioimageIo(pkg, zip,
                ExportOptions.DEFAULT));
        assertTrue(e.getMessage().contains("from 5 neighbouring slices") && e.getMessage().contains(
                "channels are slices"), e.getMessage());
        assertFalse(Files.exists(zip));
    }

    @Test
    void aVolumetricUNetExportsToTorchScript() throws IOException {
        Path pkg = TestModels.untrainedVolumetric(dir.resolve("volume.zip"), "volume", new UNet3dSpec(2, 2, 4, true),
                32);
        Path pt = dir.resolve("volume.pt");
        ExportResult result = ModelExporter.exportTorchScript(pkg, pt, ExportOptions.DEFAULT);
        assertTrue(result.pythonDifference() < 1e-4, "PyTorch in Python against DJL: " + result.pythonDifference());
        assertTrue(result.reloadedDifference() < 1e-4, "saved module in DJL: " + result.reloadedDifference());
        assertTrue(Files.size(pt) > 1000);
    }

    @ParameterizedTest(name = "instances {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = { true, false })
    void spadeGeneratorsExportToTorchScript(boolean instances) throws IOException {
        // Instance labels are 2 classes (background, object) plus boundaries; class labels here 3 classes.
        Path pkg = TestModels.untrainedSynthesis(dir.resolve("spade.zip"), "spade", new SpadeSpec(instances ? 2 : 3,
                instances, 1, 4, 2), 32);
        Path pt = dir.resolve("spade.pt");
        ExportResult result = ModelExporter.exportTorchScript(pkg, pt, ExportOptions.DEFAULT);
        assertTrue(result.pythonDifference() < 1e-4, "PyTorch in Python against DJL: " + result.pythonDifference());
        assertTrue(result.reloadedDifference() < 1e-4, "saved module in DJL: " + result.reloadedDifference());
        assertTrue(Files.size(pt) > 1000);
    }

    @Test
    void missingPythonIsExplained() throws IOException {
        Path pkg = trainedPackage("p", new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE,
                ModelDescriptor.Normalization.DEFAULT);
        ExportException e = assertThrows(ExportException.class, () -> ModelExporter.exportTorchScript(pkg,
                dir.resolve("p.pt"), ExportOptions.DEFAULT.withPython("/no/such/python")));
        assertTrue(e.getMessage().contains("needs Python 3 with PyTorch") && e.getMessage().contains(
                "apt-get install python3-torch") && e.getMessage().contains("/no/such/python"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("p.pt")));
    }

    @Test
    void inpaintingModelsExportWithTheMaskAsASecondInputAndImportBackForInpainting() throws Exception {
        // Percentiles 0 and 100: the input's minimum and maximum, easy to recompute here.
        Path pkg = trainedPackage("inpaint", new InpaintingSpec(1, 2, 4), ModelTask.INPAINT,
                new ModelDescriptor.Normalization(0, 100));
        Path zip = dir.resolve("inpaint-bioimageio.zip");
        ExportResult result = ModelExporter.exportBioimageIo(pkg, zip, ExportOptions.DEFAULT);
        assertTrue(result.pythonDifference() < 1e-4 && result.reloadedDifference() < 1e-4, result.toString());
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            assertEquals(List.of(), BioimageIoValidator.problems(archive));
            assertEquals(List.of(), PublishedSchema.problems(archive.rdfBytes()));
            List<YamlValue> inputs = archive.rdf().get("inputs").list();
            assertEquals(List.of("input", "mask"), inputs.stream().map(t -> t.get("id").string()).toList());
            YamlValue y = inputs.get(1).get("axes").list().get(2);
            assertEquals("input", y.get("size").get("tensor_id").string(), "the mask is the image's size");
            // NB: the plugin computes the thin-plate fill's conjugate gradients in Java, the exported module in
            // PyTorch; in float the two carry different rounding along its 100 steps (measured 3e-4 here).
            double plugin = TestTensorRuns.java(pkg, archive, 0, 100, 1e-6, "test_mask.npy");
            assertTrue(plugin < 1e-3, "the plugin against the archive's test output: " + plugin);
            assertTrue(TestTensorRuns.python(zip, 0, 100, 1e-6, "test_input.npy", "test_mask.npy") < 1e-4);
        }
        ImportResult back = ModelImporter.importBioimageIo(zip, dir.resolve("back.zip"), null);
        assertEquals(ModelTask.INPAINT, back.descriptor().task());
        assertEquals(1, back.descriptor().imageChannels());
        assertTrue(((TorchScriptSpec) back.descriptor().generator()).maskInput());
        assertTrue(back.notes().stream().anyMatch(s -> s.startsWith("The model reproduces its test output")),
                back.notes().toString());
        ModelFormatException other = assertThrows(ModelFormatException.class, () -> ModelImporter.importBioimageIo(
                zip, dir.resolve("denoise.zip"), ImportOptions.INFER.withTask(ModelTask.DENOISE)));
        assertTrue(other.getMessage().contains("import it for inpainting"), other.getMessage());

        // The imported model runs through the image path; the module itself keeps the known pixels, in its range.
        ImagePlus image = image(64, 48, 4);
        Roi box = new Roi(20, 10, 12, 9);
        float[] filled = inpaint(back.target(), image, InpaintMask.of(box, 64, 48));
        float[] pixels = (float[]) image.getProcessor().getPixels();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float v : pixels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double known = 0;
        double changed = 0;
        for (int i = 0; i < pixels.length; i++) {
            double normalized = (pixels[i] - min) / (max - min);
            assertTrue(Float.isFinite(filled[i]));
            if (box.contains(i % 64, i / 64)) {
                changed = Math.max(changed, Math.abs(filled[i] - normalized));
            } else {
                known = Math.max(known, Math.abs(filled[i] - normalized));
            }
        }
        assertTrue(known < 1e-5, "known pixels are the normalized image, up to " + known);
        assertTrue(changed > 0.05, "the hole is filled, not copied: " + changed);
    }

    private static float[] inpaint(Path pkg, ImagePlus image, InpaintMask mask) throws IOException {
        try (LoadedModel model = ModelPackage.load(pkg, Device.cpu())) {
            ImagePlus out = new Predictor(model).predict(image, mask, PredictionOptions.DEFAULT, TaskMonitor.NONE);
            return (float[]) out.getProcessor().getPixels();
        }
    }
}
