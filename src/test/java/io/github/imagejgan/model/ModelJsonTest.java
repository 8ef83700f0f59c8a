package io.github.imagejgan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.testing.ZipFiles;

class ModelJsonTest {

    private static final UNetSpec UNET = new UNetSpec(1, 1, 2, 4, true, false, false);
    private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor("tiny", "a tiny denoiser",
            ModelTask.DENOISE, UNET, ModelDescriptor.Normalization.DEFAULT, new ModelDescriptor.Tiling(128, 20, 0),
            new ModelDescriptor.Provenance("toy", Map.of(), 10, 3, 1.5, "2026-11-25T00:00:00Z", "test"),
            Map.of("validationPsnr", 30.5));

    @TempDir
    Path dir;

    @Test
    void aDescriptorWithoutGeneratorNamesTheMissingField() throws IOException {
        String json = edited(j -> j.remove("generator"));
        Path file = ZipFiles.write(dir.resolve("nogen.zip"), Map.of(ModelPackage.DESCRIPTOR,
                json.getBytes(StandardCharsets.UTF_8), ModelPackage.GENERATOR, new byte[] { 1 }));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPackage.open(file));
        assertTrue(e.getMessage().startsWith("model.json: 'generator' is missing; it should be the network"),
                e.getMessage());
        assertFalse(e.getMessage().contains("constructor"), e.getMessage());
    }

    @Test
    void aNegativeTileSizeIsNamedWithWhatItShouldBe() {
        assertEquals("model.json: 'tiling.tileSize' must be a positive number of pixels, got -5.",
                message(j -> j.getAsJsonObject("tiling").addProperty("tileSize", -5)));
    }

    @Test
    void everyRequiredFieldIsNamedWhenMissing() {
        for (String field : List.of("name", "task", "generator", "normalization", "tiling", "generator.type",
                "generator.features", "generator.depth", "normalization.lowPercentile",
                "normalization.highPercentile", "tiling.tileSize", "tiling.halo", "tiling.overlap")) {
            String message = message(j -> parentOf(j, field).remove(leaf(field)));
            assertTrue(message.startsWith("model.json: '" + field + "' is missing; it should be "), message);
        }
    }

    @Test
    void badValuesAreNamedWithWhatTheyShouldBe() {
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("name", "");
        cases.put("task", "sharpen");
        cases.put("generator.type", "resnet");
        cases.put("generator.features", 1.5);
        cases.put("generator.residual", "yes");
        cases.put("normalization.lowPercentile", -1);
        cases.put("normalization.highPercentile", 120);
        cases.put("normalization.networkHigh", -2);
        cases.put("tiling.halo", -1);
        cases.put("tiling.overlap", "wide");
        cases.put("provenance.steps", -3);
        cases.put("provenance.trainingSeconds", -1);
        cases.put("metrics.validationPsnr", "high");
        cases.forEach((field, value) -> {
            String message = message(j -> {
                JsonObject parent = parentOf(j, field);
                if (value instanceof Number n) {
                    parent.addProperty(leaf(field), n);
                } else {
                    parent.addProperty(leaf(field), (String) value);
                }
            });
            assertTrue(message.startsWith("model.json: '" + field + "' must be "), message);
        });
    }

    @Test
    void aNetworkThatCannotBeBuiltIsNamedWithItsOwnReason() {
        String message = message(j -> j.getAsJsonObject("generator").addProperty("depth", 9));
        assertTrue(message.startsWith("model.json: 'generator' is not a valid unet network: ")
                && message.contains("depth must be 1 to 6, got 9"), message);
        String unfit = message(j -> j.addProperty("task", "super-resolution"));
        assertTrue(unfit.startsWith("model.json: ") && unfit.contains("does not fit a generator of scale 1")
                && !unfit.contains("constructor"), unfit);
    }

    @Test
    void aValidDescriptorStillReadsBack() {
        ModelDescriptor read = ModelJson.read(ModelJson.write(DESCRIPTOR));
        assertEquals(DESCRIPTOR.generator(), read.generator());
        assertEquals(DESCRIPTOR.tiling(), read.tiling());
        assertEquals(30.5, read.metrics().get("validationPsnr"));
    }

    @Test
    void superResolutionModelsWrittenBeforeBicubicSkipsKeepNearestUpsampling() {
        ModelDescriptor sr = new ModelDescriptor("sr", "x2", ModelTask.SUPER_RESOLUTION, new ResidualSrSpec(1, 8, 1,
                2), ModelDescriptor.Normalization.DEFAULT, DESCRIPTOR.tiling(), DESCRIPTOR.provenance(), Map.of());
        assertEquals(ResidualSrSpec.BICUBIC, ((ResidualSrSpec) ModelJson.read(ModelJson.write(sr)).generator())
                .upsampling(), "new networks add to bicubic upsampling, and say so");
        JsonObject old = JsonParser.parseString(ModelJson.write(sr)).getAsJsonObject();
        old.getAsJsonObject("generator").remove("upsampling");
        assertEquals(new ResidualSrSpec(1, 8, 1, 2, ResidualSrSpec.NEAREST), ModelJson.read(old.toString())
                .generator());
    }

    private static String message(Consumer<JsonObject> edit) {
        String json = edited(edit);
        return assertThrows(ModelFormatException.class, () -> ModelJson.read(json), json).getMessage();
    }

    private static String edited(Consumer<JsonObject> edit) {
        JsonObject json = JsonParser.parseString(ModelJson.write(DESCRIPTOR)).getAsJsonObject();
        edit.accept(json);
        return json.toString();
    }

    private static JsonObject parentOf(JsonObject json, String field) {
        int dot = field.indexOf('.');
        return dot < 0 ? json : json.getAsJsonObject(field.substring(0, dot));
    }

    private static String leaf(String field) {
        return field.substring(field.indexOf('.') + 1);
    }
}
