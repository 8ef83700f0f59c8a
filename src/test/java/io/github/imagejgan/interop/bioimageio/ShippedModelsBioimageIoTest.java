package io.github.imagejgan.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ij.ImagePlus;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.ModelExporter;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.interop.PublishedSchema;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.UNetSpec;

/**
 * Every shipped model exports to a description that the specification's published JSON schema accepts, with a test
 * input from the model's own domain, given or made. The export rebuilds each network in PyTorch, so these tests need
 * Python with PyTorch, as {@link ExportTest} does.
 */
class ShippedModelsBioimageIoTest {

    private static final Path MODELS = Path.of("models");

    @TempDir
    Path dir;

    static Stream<String> exportable() throws IOException {
        return shipped().stream();
    }

    /**
     * The shipped models that bioimage.io can describe: all but those of neighbouring slices (see ExportTest) and the
     * label-to-image generators, whose export is refused (below).
     */
    private static Set<String> shipped() throws IOException {
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.filter(ShippedModelsBioimageIoTest::ofSinglePlanes).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".zip"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(java.util.stream.Collectors.toCollection(
                            TreeSet::new));
        }
    }

    private static boolean ofSinglePlanes(Path file) {
        try {
            if (!file.toString().endsWith(".zip")) {
                return true;
            }
            ModelDescriptor d = ModelPackage.open(file).descriptor();
            return d.tiling().slices() == 1 && d.task() != ModelTask.SYNTHESIS;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyShippedModelHasATestImageOfItsOwnDomain() throws IOException {
        assertEquals(shipped(), new TreeSet<>(DomainImages.SHIPPED.keySet()));
        // Fluorescence is stored as photons on a camera offset, not on the grey scale of a photograph.
        ImagePlus fluorescence = DomainImages.SHIPPED.get("self-supervised-start").image("fluorescence");
        assertTrue(fluorescence.getProcessor().getMax() < 1024 + 500, "photon counts of a dim fluorescence image: "
                + fluorescence.getProcessor().getMax());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exportable")
    void exportsValidateAgainstThePublishedSchemaWithATestInputOfTheModelsDomain(String model) throws IOException {
        ImagePlus image = DomainImages.SHIPPED.get(model).image(model);
        Path zip = dir.resolve(model + "-bioimageio.zip");
        ModelExporter.exportBioimageIo(MODELS.resolve(model + ".zip"), zip, ExportOptions.DEFAULT
                .withTestImage(image));
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            assertEquals(List.of(), PublishedSchema.problems(archive.rdfBytes()), model);
            assertEquals(List.of(), BioimageIoValidator.problems(archive), model);
            assertEquals(ExportOptions.DEFAULT_AUTHOR, archive.rdf().get("authors").list().get(0).get("name")
                    .string(), "a model trained here, without named authors");
            assertEquals(ExportOptions.DEFAULT_LICENSE, archive.rdf().get("license").string());
            NpyArray input = NpyArray.read(archive.read("test_input.npy", BioimageIoZip.MAX_TENSOR_BYTES), model);
            int h = (int) input.shape()[2];
            int w = (int) input.shape()[3];
            float[] centre = centre(image, w, h);
            if (archive.has("test_mask.npy")) {
                // Holes hold the image's lowest value, the rest is the image.
                float[] mask = NpyArray.read(archive.read("test_mask.npy", BioimageIoZip.MAX_TENSOR_BYTES), model)
                        .values();
                float lowest = centre[0];
                for (float v : centre) {
                    lowest = Math.min(lowest, v);
                }
                for (int i = 0; i < centre.length; i++) {
                    centre[i] = mask[i] == 1 ? lowest : centre[i];
                }
            }
            assertArrayEquals(centre, input.values(), model + ": the centre of its domain image");
        }
    }

    /** Models named for CT and for fluorescence, as the fixed-level denoisers shipped before the general one. */
    @Test
    void withoutATestImageACtAndAFluorescenceModelEachGetAnInputOfTheirOwnDomain() throws IOException {
        UNetSpec small = new UNetSpec(1, 1, 1, 4, true, false, false);
        float[] ct = defaultTestInput(TestModels.untrained(dir.resolve("denoise-ct-mr.zip"), "denoise-ct-mr", small,
                ModelTask.DENOISE, 64));
        float[] fluorescence = defaultTestInput(TestModels.untrained(dir.resolve("denoise-fluorescence.zip"),
                "denoise-fluorescence", small, ModelTask.DENOISE, 64));
        // CT in Hounsfield units plus 1024, from air to bone, with 40 HU of noise; fluorescence as photon counts of a
        // dim sample on a camera offset of 100: most pixels dark background, a few bright nuclei.
        assertTrue(quantile(ct, 0.01) < 1024 - 800 && quantile(ct, 1) > 1024 + 500, "CT from air to bone: "
                + quantile(ct, 0.01) + " to " + quantile(ct, 1));
        double median = quantile(fluorescence, 0.5) - 100;
        double bright = quantile(fluorescence, 0.99) - 100;
        assertTrue(bright > 0 && bright < 1000, "dim photon counts: " + bright);
        assertTrue(median < 0.3 * bright, "dark background: median " + median + ", 99th percentile " + bright);
    }

    /** The test input of a model exported without a test image; it must be its domain image. */
    private float[] defaultTestInput(Path pkg) throws IOException {
        String model = pkg.getFileName().toString().replace(".zip", "");
        Path zip = dir.resolve(model + "-default.zip");
        ModelExporter.exportBioimageIo(pkg, zip, ExportOptions.DEFAULT);
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            assertEquals(List.of(), PublishedSchema.problems(archive.rdfBytes()), model);
            NpyArray input = NpyArray.read(archive.read("test_input.npy", BioimageIoZip.MAX_TENSOR_BYTES), model);
            TensorPlanes domain = DomainImage.render(ModelPackage.open(pkg).descriptor(),
                    1, (int) input.shape()[3], (int) input.shape()[2]);
            assertArrayEquals(domain.planes()[0], input.values(), model + ": its domain image");
            return input.values();
        }
    }

    private static double quantile(float[] values, double q) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    @Test
    void theInpaintingModelTakesItsMaskApartAndTheExportReproducesTheJavaModel() throws Exception {
        Path pkg = MODELS.resolve("inpaint-general.zip");
        Path zip = dir.resolve("inpaint-bioimageio.zip");
        ModelExporter.exportBioimageIo(pkg, zip, ExportOptions.DEFAULT);
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            assertEquals(List.of(), PublishedSchema.problems(archive.rdfBytes()));
            assertEquals(List.of(), BioimageIoValidator.problems(archive));
            List<YamlValue> inputs = archive.rdf().get("inputs").list();
            assertEquals(List.of("input", "mask"), inputs.stream().map(t -> t.get("id").string()).toList());
            assertEquals("scale_range", inputs.get(0).get("preprocessing").list().get(0).get("id").string());
            assertTrue(inputs.get(1).get("preprocessing").isMissing(), "the mask is taken as it is");
            float[] mask = NpyArray.read(archive.read("test_mask.npy", BioimageIoZip.MAX_TENSOR_BYTES), "mask")
                    .values();
            long holes = 0;
            for (float m : mask) {
                assertTrue(m == 0 || m == 1);
                holes += (long) m;
            }
            assertEquals(TestInput.HOLES, (double) holes / mask.length, 0.001);

            double largest = 1;
            for (float v : NpyArray.read(archive.read("test_output.npy", BioimageIoZip.MAX_TENSOR_BYTES), "output")
                    .values()) {
                largest = Math.max(largest, Math.abs(v));
            }
            // NB: the network starts from 100 conjugate-gradient steps of the thin-plate fill in float32, whose
            // rounding differs between TorchScript's graph executor and eager operations by about 1e-4 of the range
            // (1.2e-4 and 1.7e-4 for two trainings of the shipped network on one CPU, under 1e-4 on another); the
            // bioimage.io checker's relative tolerance is 1e-3.
            double tolerance = 1e-3 * largest;
            double java = TestTensorRuns.java(pkg, archive, 1, 99.8, 1e-6, "test_mask.npy");
            double python = TestTensorRuns.python(zip, 1, 99.8, 1e-6, "test_input.npy", "test_mask.npy");
            assertTrue(java <= tolerance, "the Java model on the test tensors differs by " + java);
            assertTrue(python <= tolerance, "the TorchScript module called with image and mask in Python differs by "
                    + python);
        }
    }

    private static float[] centre(ImagePlus image, int width, int height) {
        float[] values = new float[width * height];
        int top = (image.getHeight() - height) / 2;
        int left = (image.getWidth() - width) / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                values[y * width + x] = image.getProcessor().getf(left + x, top + y);
            }
        }
        return values;
    }

    @Test
    void theShippedSynthesisModelIsRefusedWithTheReason() {
        ExportException refused = assertThrows(ExportException.class, () -> BioimageIoExporter.export(
                MODELS.resolve("synth-nuclei-fluorescence.zip"), dir.resolve("synth.zip"), ExportOptions.DEFAULT));
        assertTrue(refused.getMessage().contains("SPADE"), refused.getMessage());
        assertTrue(!Files.exists(dir.resolve("synth.zip")), "nothing written");
    }
}
