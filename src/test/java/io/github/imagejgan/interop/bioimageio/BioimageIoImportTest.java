package io.github.imagejgan.interop.bioimageio;

import static io.github.imagejgan.interop.TestZips.list;
import static io.github.imagejgan.interop.TestZips.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.ImportOptions;
import io.github.imagejgan.interop.ImportResult;
import io.github.imagejgan.interop.InteropResources;
import io.github.imagejgan.interop.ModelExporter;
import io.github.imagejgan.interop.ModelImporter;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.interop.TestZips;
import io.github.imagejgan.interop.UnsupportedModelException;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.model.ProcessingStep;
import io.github.imagejgan.nn.TorchScriptSpec;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.testing.ZipFiles;

/** bioimage.io models written by scripts/make-interop-test-models.py, whose test outputs NumPy computed. */
class BioimageIoImportTest {

    @TempDir
    Path dir;

    private static NpyArray entry(String zip, String name) throws IOException {
        return NpyArray.read(TestZips.entries(InteropResources.bytes(zip)).get(name), name);
    }

    private ImagePlus imageOf(TensorPlanes planes) {
        ImageStack stack = new ImageStack(planes.width(), planes.height());
        for (float[] p : planes.planes()) {
            stack.addSlice(new FloatProcessor(planes.width(), planes.height(), p.clone()));
        }
        ImagePlus image = new ImagePlus("test input", stack);
        image.setDimensions(planes.channels(), 1, 1);
        return image;
    }

    /** Largest difference over output pixels whose receptive field lies inside the image. */
    private static double interiorDifference(ImagePlus out, TensorPlanes expected, int margin) {
        double max = 0;
        for (int c = 0; c < expected.channels(); c++) {
            float[] actual = (float[]) out.getStack().getProcessor(c + 1).getPixels();
            for (int y = margin; y < expected.height() - margin; y++) {
                for (int x = margin; x < expected.width() - margin; x++) {
                    int i = y * expected.width() + x;
                    max = Math.max(max, Math.abs(actual[i] - expected.planes()[c][i]));
                }
            }
        }
        return max;
    }

    @Test
    void format04ChannelsLastModelImportsAndReproducesItsTestOutput() throws IOException {
        Path zip = InteropResources.copy("bioimageio-v04.zip", dir);
        ImportResult result = ModelImporter.importBioimageIo(zip, dir.resolve("v04.zip"), null);
        ModelDescriptor d = result.descriptor();
        TorchScriptSpec spec = (TorchScriptSpec) d.generator();
        assertEquals("channels-last test denoiser", d.name());
        assertEquals(ModelTask.DENOISE, d.task());
        assertEquals("byxc", spec.inputAxes());
        assertEquals("byxc", spec.outputAxes());
        assertEquals(8, spec.divisor());
        assertEquals(16, spec.minimumSize());
        assertEquals(2, spec.receptiveFieldRadius(), "declared halo 2, two 3x3 convolutions");
        assertEquals(4, d.tiling().halo(), "tiles of at least 16 pixels around a core of 8");
        List<ProcessingStep> pre = d.normalization().declared().preprocessing();
        assertEquals(List.of(new ProcessingStep.ScaleRange(1, 99, 1e-6, true, true, false)), pre);
        assertEquals(List.of(new ProcessingStep.ScaleLinear(List.of(2.0), List.of(0.5)),
                new ProcessingStep.Clip(-1, 4)), d.normalization().declared().postprocessing());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("The model reproduces its test output")),
                result.notes().toString());
        assertFalse(result.notes().stream().anyMatch(n -> n.contains("deviates")), result.notes().toString());

        TensorPlanes input = TensorPlanes.of(entry("bioimageio-v04.zip", "test_input.npy"), "byxc", "in");
        TensorPlanes expected = TensorPlanes.of(entry("bioimageio-v04.zip", "test_output.npy"), "byxc", "out");
        try (LoadedModel model = ModelPackage.load(result.target(), Device.cpu())) {
            ImagePlus out = new Predictor(model).predict(imageOf(input), null, PredictionOptions.DEFAULT
                    .withTileSize(8), TaskMonitor.NONE);
            double diff = interiorDifference(out, expected, 2);
            assertTrue(diff < 1e-4, "tiled run against NumPy's pre/postprocessing and PyTorch: " + diff);
        }
    }

    @Test
    void format05SuperResolutionImportsAndReproducesItsTestOutput() throws IOException {
        Path zip = InteropResources.copy("bioimageio-v05.zip", dir);
        ImportResult result = ModelImporter.importBioimageIo(zip, dir.resolve("v05.zip"),
                ImportOptions.INFER.withName("sr", null));
        ModelDescriptor d = result.descriptor();
        assertEquals("sr", d.name());
        assertEquals(ModelTask.SUPER_RESOLUTION, d.task());
        assertEquals(2, d.scale());
        assertEquals(2, d.inputChannels());
        assertEquals(2, d.outputChannels());
        assertEquals(16, d.generator().divisor());
        assertEquals(2, d.generator().receptiveFieldRadius(), "output halo 4 at scale 0.5 is 2 input pixels");
        assertEquals(List.of(new ProcessingStep.ZeroMeanUnitVariance(1e-6, true, true)),
                d.normalization().declared().preprocessing());
        assertEquals(List.of(new ProcessingStep.ScaleLinear(List.of(1.0, 2.0), List.of(0.0, -1.0)),
                new ProcessingStep.Clip(-3, 3), new ProcessingStep.EnsureDtype("float32")),
                d.normalization().declared().postprocessing());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("The model reproduces its test output")),
                result.notes().toString());

        TensorPlanes input = TensorPlanes.of(entry("bioimageio-v05.zip", "test_input.npy"), "bcyx", "in");
        TensorPlanes expected = TensorPlanes.of(entry("bioimageio-v05.zip", "test_output.npy"), "bcyx", "out");
        try (LoadedModel model = ModelPackage.load(result.target(), Device.cpu())) {
            ImagePlus out = new Predictor(model).predict(imageOf(input), null, PredictionOptions.DEFAULT
                    .withTileSize(16), TaskMonitor.NONE);
            assertEquals(2, out.getNChannels());
            assertEquals(expected.width(), out.getWidth());
            double diff = interiorDifference(out, expected, 2 * 2);
            assertTrue(diff < 1e-4, "tiled run against NumPy's pre/postprocessing and PyTorch: " + diff);
        }
    }

    @Test
    void unsupportedModelsAreRejectedWithEveryReason() throws IOException {
        Path zip = TestZips.withRdf("bioimageio-v05.zip", dir.resolve("unsupported.zip"), rdf -> {
            Map<String, Object> input = map(list(rdf.get("inputs")).get(0));
            List<Object> axes = new ArrayList<>(list(input.get("axes")));
            axes.add(2, new LinkedHashMap<>(Map.of("type", "space", "id", "z", "size", 8)));
            input.put("axes", axes);
            Map<String, Object> output = map(list(rdf.get("outputs")).get(0));
            output.put("postprocessing", List.of(Map.of("id", "scale_mean_variance", "kwargs",
                    Map.of("reference_tensor", "raw"))));
            Map<String, Object> weights = map(rdf.get("weights"));
            Object torchscript = weights.remove("torchscript");
            weights.put("pytorch_state_dict", torchscript);
            Map<String, Object> second = new LinkedHashMap<>(output);
            second.put("id", "second");
            rdf.put("outputs", List.of(output, second));
        });
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> ModelImporter.importBioimageIo(zip, dir.resolve("u.zip"), null));
        String all = String.join("\n", e.reasons());
        assertTrue(all.contains("space axis z") && all.contains("only 2D images"), all);
        assertTrue(all.contains("2 outputs (upscaled, second)"), all);
        assertTrue(all.contains("no TorchScript weights (only pytorch_state_dict)"), all);
        assertEquals(3, e.reasons().size(), all);
        assertTrue(e.getMessage().startsWith("unsupported.zip cannot run here:\n - "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("u.zip")));

        Path stats = TestZips.withRdf("bioimageio-v04.zip", dir.resolve("stats.zip"), rdf -> {
            Map<String, Object> output = map(list(rdf.get("outputs")).get(0));
            output.put("postprocessing", List.of(
                    Map.of("name", "scale_mean_variance", "kwargs", Map.of("mode", "per_sample",
                            "reference_tensor", "raw")),
                    Map.of("name", "zero_mean_unit_variance", "kwargs", Map.of("mode", "per_sample", "axes", "xy")),
                    Map.of("name", "fancy_filter", "kwargs", Map.of())));
            Map<String, Object> input = map(list(rdf.get("inputs")).get(0));
            input.put("data_type", "uint16");
            map(input.get("shape")).put("min", List.of(1, 20, 20, 1));
        });
        UnsupportedModelException s = assertThrows(UnsupportedModelException.class,
                () -> ModelImporter.importBioimageIo(stats, dir.resolve("s.zip"), null));
        String reasons = String.join("\n", s.reasons());
        assertTrue(reasons.contains("scale_mean_variance"), reasons);
        assertTrue(reasons.contains("zero_mean_unit_variance over the output itself"), reasons);
        assertTrue(reasons.contains("unknown step 'fancy_filter'"), reasons);
        assertTrue(reasons.contains("data type uint16"), reasons);
        assertTrue(reasons.contains("20 + n*8"), reasons);
        assertEquals(5, s.reasons().size(), reasons);
    }

    @Test
    void aSecondInputRunsHereOnlyAsAnInpaintingMaskOfOneUnprocessedChannel() throws IOException {
        Path extra = TestZips.withRdf("bioimageio-v05.zip", dir.resolve("extra.zip"), rdf -> {
            Map<String, Object> input = map(list(rdf.get("inputs")).get(0));
            Map<String, Object> second = new LinkedHashMap<>(input);
            second.put("id", "extra");
            rdf.put("inputs", List.of(input, second));
        });
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> ModelImporter.importBioimageIo(extra, dir.resolve("e.zip"), null));
        assertTrue(e.getMessage().contains("2 inputs (raw, extra)") && e.getMessage().contains("followed by an "
                + "inpainting mask"), e.getMessage());

        // A copy of the two-channel, normalized image input, named as a mask.
        Path mask = TestZips.withRdf("bioimageio-v05.zip", dir.resolve("mask.zip"), rdf -> {
            Map<String, Object> input = map(list(rdf.get("inputs")).get(0));
            Map<String, Object> second = new LinkedHashMap<>(input);
            second.put("id", "mask");
            rdf.put("inputs", List.of(input, second));
        });
        UnsupportedModelException m = assertThrows(UnsupportedModelException.class,
                () -> ModelImporter.importBioimageIo(mask, dir.resolve("m.zip"), null));
        String reasons = String.join("\n", m.reasons());
        assertTrue(reasons.contains("Mask mask has 2 channels; a mask has one."), reasons);
        assertTrue(reasons.contains("Mask mask has preprocessing"), reasons);
        assertEquals(2, m.reasons().size(), reasons);
    }

    @Test
    void format04ThreeDimensionalModelsNameTheirAxes() throws IOException {
        Path zip = TestZips.withRdf("bioimageio-v04.zip", dir.resolve("3d.zip"), rdf -> {
            Map<String, Object> input = map(list(rdf.get("inputs")).get(0));
            input.put("axes", "bczyx");
            input.put("shape", Map.of("min", List.of(1, 1, 8, 16, 16), "step", List.of(0, 0, 4, 8, 8)));
            map(list(rdf.get("outputs")).get(0)).put("axes", "bczyx");
        });
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> ModelImporter.importBioimageIo(zip, dir.resolve("x.zip"), null));
        assertTrue(e.getMessage().contains("z axis (3D)") && e.getMessage().contains("bczyx"), e.getMessage());
        ModelFormatException inpaint = assertThrows(ModelFormatException.class, () -> ModelImporter
                .importBioimageIo(InteropResources.copy("bioimageio-v04.zip", dir), dir.resolve("i.zip"),
                        ImportOptions.INFER.withTask(ModelTask.INPAINT)));
        assertTrue(inpaint.getMessage().contains("takes no inpainting mask"), inpaint.getMessage());
    }

    @Test
    void corruptAndHostileArchivesAreRejectedClearly() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        assertMessage(junk, "not a bioimage.io model (zip)");

        byte[] good = InteropResources.bytes("bioimageio-v05.zip");
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(good, good.length - 200));
        assertThrows(ModelFormatException.class, () -> ModelImporter.importBioimageIo(cut, dir.resolve("c.zip"),
                null));

        Map<String, byte[]> entries = TestZips.entries(good);
        Map<String, byte[]> noRdf = new LinkedHashMap<>(entries);
        noRdf.remove("rdf.yaml");
        assertMessage(ZipFiles.write(dir.resolve("nordf.zip"), noRdf), "has no rdf.yaml");

        Map<String, byte[]> noWeights = new LinkedHashMap<>(entries);
        noWeights.remove("weights.pt");
        assertMessage(ZipFiles.write(dir.resolve("noweights.zip"), noWeights), "lacks weights.pt");

        Map<String, byte[]> altered = new LinkedHashMap<>(entries);
        altered.put("weights.pt", InteropResources.bytes("identity.pt"));
        assertMessage(ZipFiles.write(dir.resolve("altered.zip"), altered), "does not match the sha256");

        Map<String, byte[]> slip = new LinkedHashMap<>(entries);
        slip.put("../../escape.txt", new byte[] { 1 });
        assertMessage(ZipFiles.write(dir.resolve("slip.zip"), slip), "Unsafe entry name");

        Map<String, byte[]> huge = new LinkedHashMap<>(entries);
        byte[] padding = ("# " + "x".repeat(1 << 20) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] rdf = entries.get("rdf.yaml");
        byte[] big = Arrays.copyOf(rdf, rdf.length + padding.length);
        System.arraycopy(padding, 0, big, rdf.length, padding.length);
        huge.put("rdf.yaml", big);
        assertMessage(ZipFiles.write(dir.resolve("huge.zip"), huge), "larger than 1048576 bytes");

        Path old = TestZips.withRdf("bioimageio-v05.zip", dir.resolve("old.zip"),
                r -> r.put("format_version", "0.3.6"));
        assertMessage(old, "format_version 0.3.6 is not supported");

        Map<String, byte[]> badYaml = new LinkedHashMap<>(entries);
        badYaml.put("rdf.yaml", "inputs: [unclosed".getBytes(StandardCharsets.UTF_8));
        assertMessage(ZipFiles.write(dir.resolve("badyaml.zip"), badYaml), "not valid YAML");

        Map<String, byte[]> badTensor = new LinkedHashMap<>(entries);
        badTensor.put("test_input.npy", Arrays.copyOf(entries.get("test_input.npy"), 100));
        Path truncatedTensor = ZipFiles.write(dir.resolve("badtensor.zip"), badTensor);
        assertMessage(truncatedTensor, "test_input.npy is truncated");
    }

    @Test
    void theTaskImagejGanRecordedIsReadBackInsteadOfGuessed() throws IOException {
        // Same-size output: a guess says denoise, whatever the model was made for.
        Path recorded = TestZips.withRdf("bioimageio-v04.zip", dir.resolve("recorded.zip"),
                r -> r.put("config", Map.of("imagej_gan", Map.of("task", "style"))));
        ImportResult style = ModelImporter.importBioimageIo(recorded, dir.resolve("style.zip"), null);
        assertEquals(ModelTask.STYLE, style.descriptor().task());
        assertTrue(style.notes().contains("Task style, as config.imagej_gan.task records."), style.notes()
                .toString());

        Path exported = dir.resolve("exported.zip");
        ModelExporter.exportBioimageIo(style.target(), exported, ExportOptions.DEFAULT);
        assertEquals(ModelTask.STYLE, ModelImporter.importBioimageIo(exported, dir.resolve("again.zip"), null)
                .descriptor().task(), "the exporter records the task and the importer reads it");

        Path unknown = TestZips.withRdf("bioimageio-v04.zip", dir.resolve("unknown.zip"),
                r -> r.put("config", Map.of("imagej_gan", Map.of("task", "segment"))));
        ImportResult guessed = ModelImporter.importBioimageIo(unknown, dir.resolve("guessed.zip"), null);
        assertEquals(ModelTask.DENOISE, guessed.descriptor().task());
        assertTrue(guessed.notes().stream().anyMatch(n -> n.contains("'segment', which cannot run here")),
                guessed.notes().toString());
    }

    private void assertMessage(Path zip, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelImporter.importBioimageIo(zip, dir.resolve("out.zip"), null));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out.zip")));
    }
}
