package io.github.imagejgan.interop.bioimageio;

import static io.github.imagejgan.interop.TestZips.list;
import static io.github.imagejgan.interop.TestZips.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.imagejgan.interop.InteropResources;
import io.github.imagejgan.interop.TestZips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema check against descriptions broken in the ways real ones are. */
class BioimageIoValidatorTest {

    @TempDir
    Path dir;

    private static List<String> problems(Path zip) throws IOException {
        try (BioimageIoZip archive = BioimageIoZip.open(zip)) {
            return BioimageIoValidator.problems(archive);
        }
    }

    private static void assertHas(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem containing '"
                + expected + "' in " + problems);
    }

    @Test
    void theTestModelsFollowTheSpecification() throws IOException {
        assertEquals(List.of(), problems(InteropResources.copy("bioimageio-v04.zip", dir)));
        assertEquals(List.of(), problems(InteropResources.copy("bioimageio-v05.zip", dir)));
    }

    @Test
    void brokenFormat05DescriptionsAreCaught() throws IOException {
        Path zip = TestZips.withRdf("bioimageio-v05.zip", dir.resolve("broken.zip"), rdf -> {
            rdf.remove("authors");
            rdf.put("name", "sr!");
            rdf.put("cite", List.of(Map.of("text", "a paper")));
            map(map(rdf.get("weights")).get("torchscript")).put("sha256", "0".repeat(64));
            map(map(rdf.get("weights")).get("torchscript")).remove("pytorch_version");
            Map<String, Object> input = map(list(rdf.get("inputs")).get(0));
            Map<String, Object> y = map(list(input.get("axes")).get(2));
            y.put("size", Map.of("min", 20, "step", 16));
            input.put("preprocessing", List.of(Map.of("id", "normalize_somehow", "kwargs", Map.of()),
                    Map.of("id", "scale_range", "kwargs", Map.of("axes", List.of("z"), "min_percentile", 99,
                            "max_percentile", 1))));
            Map<String, Object> output = map(list(rdf.get("outputs")).get(0));
            Map<String, Object> x = map(list(output.get("axes")).get(3));
            x.put("size", Map.of("tensor_id", "raw", "axis_id", "w"));
            map(output.get("test_tensor")).put("source", "missing.npy");
            rdf.put("documentation", "README.txt");
        });
        List<String> problems = problems(zip);
        assertHas(problems, "authors: required");
        assertHas(problems, "name: must have 5 to 128 characters");
        assertHas(problems, "name: may only contain letters");
        assertHas(problems, "cite[0]: needs a doi or a url");
        assertHas(problems, "weights.torchscript.sha256: does not match the file");
        assertHas(problems, "weights.torchscript.pytorch_version: required");
        assertHas(problems, "inputs[0].preprocessing[0].id: unknown step normalize_somehow");
        assertHas(problems, "inputs[0].preprocessing[1].kwargs.axes: names axis z");
        assertHas(problems, "needs 0 <= min_percentile < max_percentile <= 100");
        assertHas(problems, "test_tensor.source: axis y has size 32, which is not 20 + n*16");
        assertHas(problems, "outputs[0].axes[3].size: refers to raw.w, which does not exist");
        assertHas(problems, "outputs[0].test_tensor.source: names missing.npy, which the archive does not hold");
        assertHas(problems, "documentation: must be a Markdown file (.md)");
        assertHas(problems, "documentation: names README.txt, which the archive does not hold");
    }

    @Test
    void brokenFormat04DescriptionsAreCaught() throws IOException {
        Path zip = TestZips.withRdf("bioimageio-v04.zip", dir.resolve("broken.zip"), rdf -> {
            rdf.remove("timestamp");
            rdf.put("test_outputs", List.of("test_input.npy", "test_output.npy"));
            Map<String, Object> input = map(list(rdf.get("inputs")).get(0));
            input.put("axes", "byxq");
            Map<String, Object> output = map(list(rdf.get("outputs")).get(0));
            map(output.get("shape")).put("reference_tensor", "nothing");
            output.put("halo", List.of(0, 2));
            output.put("postprocessing", List.of(Map.of("name", "scale_linear", "kwargs", Map.of("gain", 1.0,
                    "offset", 0.0))));
            map(rdf.get("weights")).put("caffe", Map.of("source", "weights.caffemodel"));
        });
        List<String> problems = problems(zip);
        assertHas(problems, "timestamp: required");
        assertHas(problems, "inputs[0].axes: may only use the letters b, i, t, c, z, y, x");
        assertHas(problems, "outputs[0].shape.reference_tensor: must name an input tensor");
        assertHas(problems, "outputs[0].halo: must give a halo for each of the 4 axes");
        assertHas(problems, "a scaling with gain 1 and offset 0 is redundant");
        assertHas(problems, "weights.caffe: unknown weights format");
        assertHas(problems, "test_outputs: lists 2 files for 1 tensors");
    }

    @Test
    void unknownFormatVersionsAreNamed() throws IOException {
        Path zip = TestZips.withRdf("bioimageio-v05.zip", dir.resolve("future.zip"),
                rdf -> rdf.put("format_version", "0.7.0"));
        assertEquals(List.of("format_version: unknown format version 0.7.0 (0.4.x and 0.5.x are checked)"),
                problems(zip));
    }
}
