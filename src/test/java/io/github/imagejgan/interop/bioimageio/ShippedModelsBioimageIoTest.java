package io.github.imagejgan.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ij.ImagePlus;
import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.ModelExporter;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.interop.PublishedSchema;

/**
 * Every shipped model that bioimage.io can take exports to a description that the specification's published JSON
 * schema accepts, with a test input from the model's own domain. The export rebuilds each network in PyTorch, so
 * these tests need Python with PyTorch, as {@link ExportTest} does.
 */
class ShippedModelsBioimageIoTest {

    private static final Path MODELS = Path.of("models");
    /** bioimage.io has no way to keep an inpainting mask apart from the image; these export to TorchScript only. */
    private static final Set<String> TORCHSCRIPT_ONLY = Set.of("inpaint-general");

    @TempDir
    Path dir;

    static Stream<String> exportable() throws IOException {
        return shipped().stream().filter(m -> !TORCHSCRIPT_ONLY.contains(m));
    }

    private static Set<String> shipped() throws IOException {
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".zip"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(java.util.stream.Collectors.toCollection(
                            TreeSet::new));
        }
    }

    @Test
    void everyShippedModelHasATestImageOfItsOwnDomain() throws IOException {
        Set<String> expected = new TreeSet<>(shipped());
        expected.removeAll(TORCHSCRIPT_ONLY);
        assertEquals(expected, new TreeSet<>(DomainImages.SHIPPED.keySet()));
        // CT is stored as Hounsfield units plus 1024, where air is dark and bone bright; fluorescence as photons on a
        // camera offset: a mix-up shows in their ranges.
        ImagePlus ct = DomainImages.SHIPPED.get("denoise-ct-mr").image("ct");
        ImagePlus fluorescence = DomainImages.SHIPPED.get("denoise-fluorescence").image("fluorescence");
        assertEquals("HU", ct.getCalibration().getValueUnit());
        assertTrue(ct.getProcessor().getMax() > 1024 + 500 && ct.getProcessor().getMin() < 1024 - 500,
                "CT from air to bone: " + ct.getProcessor().getMin() + " to " + ct.getProcessor().getMax());
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
            assertArrayEquals(centre(image, w, h), input.values(), model + ": the centre of its domain image");
        }
    }

    @Test
    void inpaintingModelsAreRefusedWithTheReason() {
        ExportException e = assertThrows(ExportException.class, () -> ModelExporter.exportBioimageIo(
                MODELS.resolve("inpaint-general.zip"), dir.resolve("inpaint.zip"), ExportOptions.DEFAULT));
        assertTrue(e.getMessage().contains("Export them to TorchScript instead"), e.getMessage());
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
}
