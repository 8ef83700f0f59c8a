package io.github.imagejgan.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.djl.Device;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.ExportResult;
import io.github.imagejgan.interop.ForeignModels;
import io.github.imagejgan.interop.ImportResult;
import io.github.imagejgan.interop.InteropResources;
import io.github.imagejgan.interop.ModelExporter;
import io.github.imagejgan.interop.ModelImporter;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.interop.PublishedSchema;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.task.TaskMonitor;

/**
 * A model made elsewhere (the specification's example, described in format 0.4.9 and 0.5.4), imported and exported
 * again: the re-export keeps what the original promised, and says so in a description that the published schema
 * accepts. Imported weights pass through unchanged, so no Python is needed.
 */
class ForeignModelRoundTripTest {

    private static final Map<String, ImportResult> IMPORTED = new ConcurrentHashMap<>();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** The nuclei model in the given format, imported once for all tests. */
    private static ImportResult imported(String version) {
        return IMPORTED.computeIfAbsent(version, v -> {
            try {
                return ModelImporter.importBioimageIo(ForeignModels.nuclei(v, shared), shared.resolve("imported-" + v
                        + ".zip"), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private YamlValue reExport(String version, ExportOptions options) throws IOException {
        Path zip = dir.resolve("again.zip");
        ModelExporter.exportBioimageIo(imported(version).target(), zip, options);
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            assertEquals(List.of(), PublishedSchema.problems(archive.rdfBytes()), "the published schema");
            assertEquals(List.of(), BioimageIoValidator.problems(archive));
            return archive.rdf();
        }
    }

    private static List<String> names(YamlValue people) {
        List<String> names = new ArrayList<>();
        people.list().forEach(p -> names.add(p.get("name").string()));
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = { ForeignModels.V04, ForeignModels.V05 })
    void reExportKeepsTheAuthorsLicenceCitationsAndLinks(String version) throws IOException {
        YamlValue rdf = reExport(version, ExportOptions.DEFAULT);
        assertEquals(List.of("Constantin Pape;@bioimage-io", "Fynn Beuttenmueller"), names(rdf.get("authors")));
        assertEquals("0000-0002-8567-6389", rdf.get("authors").list().get(1).get("orcid").string());
        assertEquals(List.of(OriginalDescription.PACKAGER), names(rdf.get("packaged_by")), "imagej-gan packages it");
        assertEquals("constantinpape", rdf.get("maintainers").list().get(0).get("github_user").string());
        assertEquals("MIT", rdf.get("license").string());
        assertEquals(2, rdf.get("cite").list().size());
        assertEquals("10.1007/978-3-319-24574-4_28", rdf.get("cite").list().get(0).get("doi").string());
        assertEquals("https://github.com/bioimage-io/spec-bioimage-io/tree/main/example_descriptions/models/"
                + "unet2d_nuclei_broad", rdf.get("git_repo").string());
        assertTrue(rdf.get("training_data").get("id").string().startsWith("ilastik/covid_if_training_data"));
        assertEquals("A 2d U-Net trained on the nuclei broad dataset.", rdf.get("description").string());
    }

    @ParameterizedTest
    @ValueSource(strings = { ForeignModels.V04, ForeignModels.V05 })
    void reExportNeverRelicensesAndNamesWhoPackagedItBesideTheAuthors(String version) throws IOException {
        ExportException e = assertThrows(ExportException.class, () -> reExport(version, ExportOptions.DEFAULT
                .withAuthors(List.of("Ada Lovelace"), "CC-BY-4.0")));
        assertTrue(e.getMessage().contains("licensed it under MIT"), e.getMessage());
        YamlValue rdf = reExport(version, ExportOptions.DEFAULT.withAuthors(List.of("Ada Lovelace"), "MIT"));
        assertEquals(List.of("Constantin Pape;@bioimage-io", "Fynn Beuttenmueller"), names(rdf.get("authors")));
        assertEquals(List.of("Ada Lovelace", OriginalDescription.PACKAGER), names(rdf.get("packaged_by")));
    }

    @ParameterizedTest
    @ValueSource(strings = { ForeignModels.V04, ForeignModels.V05 })
    void reExportKeepsTheTensorIdsAndChannelNames(String version) throws IOException {
        YamlValue rdf = reExport(version, ExportOptions.DEFAULT);
        YamlValue input = rdf.get("inputs").list().get(0);
        YamlValue output = rdf.get("outputs").list().get(0);
        assertEquals("raw", input.get("id").string());
        assertEquals("probability", output.get("id").string());
        assertEquals("raw", output.get("axes").list().get(2).get("size").get("tensor_id").string(),
                "the output's size refers to the input by its own id");
        // Format 0.4 names no channels; 0.5 does.
        assertEquals(version.equals(ForeignModels.V05) ? "raw_intensity" : "channel0", input.get("axes").list()
                .get(1).get("channel_names").list().get(0).string());
        assertEquals(version.equals(ForeignModels.V05) ? "probability" : "channel0", output.get("axes").list()
                .get(1).get("channel_names").list().get(0).string());
    }

    @ParameterizedTest
    @ValueSource(strings = { ForeignModels.V04, ForeignModels.V05 })
    void reExportKeepsTheInputSizeRules(String version) throws IOException {
        YamlValue axes = reExport(version, ExportOptions.DEFAULT).get("inputs").list().get(0).get("axes");
        for (YamlValue axis : axes.list()) {
            String type = axis.get("type").string();
            if (type.equals("space")) {
                assertEquals(512L, axis.get("size").integer(), "a fixed size stays fixed: " + axis.value());
            } else if (type.equals("batch")) {
                assertEquals(1L, axis.get("size").integer(), "one sample, as declared");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { ForeignModels.V04, ForeignModels.V05 })
    void reExportKeepsTheDeclaredPyTorchVersionOfTheWeights(String version) throws IOException {
        Path zip = dir.resolve("again.zip");
        ExportResult result = ModelExporter.exportBioimageIo(imported(version).target(), zip, ExportOptions.DEFAULT);
        String written;
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            written = archive.rdf().get("weights").get("torchscript").get("pytorch_version").string();
            assertEquals("a4b0659a1b48454588b12179855ad0a0c9b69ccaa89b8bb06e6271e8f60b02fe", archive.rdf()
                    .get("weights").get("torchscript").get("sha256").string(), "the same weights");
        }
        if (version.equals(ForeignModels.V05)) {
            assertEquals("2.5.1", written, "the version that saved them, as declared");
        } else {
            // 0.4.9 states none; bioimage.io's own conversion writes 1.10, and so does the export, saying why.
            assertEquals(OriginalDescription.CONVERTED_PYTORCH_VERSION, written);
            assertTrue(result.notes().stream().anyMatch(n -> n.contains("states no PyTorch version")),
                    result.notes().toString());
        }
        assertEquals(written, result.pytorchVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = { ForeignModels.V04, ForeignModels.V05 })
    void importTilesWithTheDeclaredHaloOrTheReceptiveFieldWhereLarger(String version) throws IOException {
        ImportResult imported = imported(version);
        ModelDescriptor d = imported.descriptor();
        assertEquals(512, d.generator().fixedInputSize(), "tiles of the one size the model takes");
        assertEquals(8, d.generator().divisor(), "tile offsets on the grid of its three poolings (unet2d.py)");
        assertTrue(d.tiling().halo() >= 32, "at least the declared halo of 32, got " + d.tiling().halo());
        assertEquals(d.generator().receptiveFieldRadius(), d.tiling().halo(), "the measured reach where larger");
        assertTrue(imported.notes().stream().noneMatch(n -> n.contains("seams may show")), imported.notes()
                .toString());
        YamlValue x = reExport(version, ExportOptions.DEFAULT).get("outputs").list().get(0).get("axes").list().get(3);
        assertEquals(32L, x.get("halo").integer(), "the re-export declares the original halo");

        // Tiles of 512 with that halo give, away from the image border, what the model gives for the whole sample.
        NpyArray input = NpyArray.read(InteropResources.bytes("unet2d_nuclei_broad/test_input.npy"), "input");
        NpyArray expected = NpyArray.read(InteropResources.bytes("unet2d_nuclei_broad/test_output.npy"), "output");
        ImagePlus image = new ImagePlus("nuclei", new FloatProcessor(512, 512, input.values().clone()));
        try (LoadedModel model = ModelPackage.load(imported.target(), Device.cpu())) {
            float[] out = (float[]) new Predictor(model).predict(image, null, PredictionOptions.DEFAULT,
                    TaskMonitor.NONE).getProcessor().getPixels();
            int margin = d.tiling().halo();
            double max = 0;
            for (int y = margin; y < 512 - margin; y++) {
                for (int xx = margin; xx < 512 - margin; xx++) {
                    max = Math.max(max, Math.abs(out[y * 512 + xx] - expected.values()[y * 512 + xx]));
                }
            }
            assertTrue(max < 1e-4, "tiled and whole differ by " + max);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { ForeignModels.V04, ForeignModels.V05 })
    void reExportTakesItsTestInputFromAGivenImage(String version) throws IOException {
        float[] pixels = new float[600 * 560];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 600) * 0.5f + (i / 600);
        }
        ImagePlus image = new ImagePlus("cells", new FloatProcessor(600, 560, pixels));
        Path zip = dir.resolve("again.zip");
        ModelExporter.exportBioimageIo(imported(version).target(), zip, ExportOptions.DEFAULT.withTestImage(image));
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            NpyArray test = NpyArray.read(archive.read("test_input.npy", BioimageIoZip.MAX_TENSOR_BYTES), "input");
            assertEquals(List.of(1L, 1L, 512L, 512L), List.of(test.shape()[0], test.shape()[1], test.shape()[2],
                    test.shape()[3]));
            assertEquals(pixels[24 * 600 + 44], test.values()[0], "the centre 512 x 512 of the image");
        }
        ExportException small = assertThrows(ExportException.class, () -> ModelExporter.exportBioimageIo(
                imported(version).target(), dir.resolve("small.zip"), ExportOptions.DEFAULT.withTestImage(
                        new ImagePlus("small", new FloatProcessor(300, 300)))));
        assertTrue(small.getMessage().contains("at least 512 x 512"), small.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { ForeignModels.V04, ForeignModels.V05 })
    void theImportedPackageKeepsTheOriginalDescription(String version) throws IOException {
        ModelPackage pkg = ModelPackage.open(imported(version).target());
        assertEquals(new String(InteropResources.bytes("unet2d_nuclei_broad/" + version)), new String(pkg.entry(
                OriginalDescription.ENTRY)));
        assertFalse(imported(version).notes().isEmpty());
        assertNull(ModelPackage.open(Path.of("models/denoise-general.zip")).entry(OriginalDescription.ENTRY));
    }
}
