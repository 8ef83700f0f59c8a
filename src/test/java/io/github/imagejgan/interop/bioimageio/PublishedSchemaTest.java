package io.github.imagejgan.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.InteropResources;
import io.github.imagejgan.interop.ModelExporter;
import io.github.imagejgan.interop.ModelImporter;
import io.github.imagejgan.interop.PublishedSchema;
import io.github.imagejgan.interop.TestZips;

/** Exports against the JSON schema that the bioimage.io specification publishes for format 0.5. */
class PublishedSchemaTest {

    @TempDir
    Path dir;

    @Test
    void exportsWriteTheCurrentPatchVersionThatThePublishedSchemaRequires() {
        String schema = new String(InteropResources.bytes("bioimageio_schema_model_" + PublishedSchema.FORMAT_VERSION
                + ".json"), StandardCharsets.UTF_8);
        String constant = JsonParser.parseString(schema).getAsJsonObject().getAsJsonObject("properties")
                .getAsJsonObject("format_version").get("const").getAsString();
        assertEquals(constant, BioimageIoExporter.FORMAT_VERSION);
    }

    @Test
    void theSchemaRejectsAnEarlierPatchVersionThatTheOwnCheckAccepts() throws IOException {
        Path original = InteropResources.copy("bioimageio-v05.zip", dir);
        Path exported = dir.resolve("exported.zip");
        ModelExporter.exportBioimageIo(ModelImporter.importBioimageIo(original, dir.resolve("imported.zip"), null)
                .target(), exported, ExportOptions.DEFAULT);
        try (BioimageIoZip zip = BioimageIoZip.open(exported)) {
            assertEquals(List.of(), PublishedSchema.problems(zip.rdfBytes()));
        }
        // bioimage.io's Python library converts any 0.5.x silently; its published schema allows the current one only.
        Path earlier = TestZips.withRdf("bioimageio-v05.zip", dir.resolve("earlier.zip"),
                rdf -> rdf.put("format_version", "0.5.3"));
        try (BioimageIoZip zip = BioimageIoZip.open(earlier)) {
            assertEquals(List.of(), BioimageIoValidator.problems(zip));
            List<String> problems = PublishedSchema.problems(zip.rdfBytes());
            assertTrue(problems.stream().anyMatch(p -> p.contains("format_version")), problems.toString());
        }
    }
}
