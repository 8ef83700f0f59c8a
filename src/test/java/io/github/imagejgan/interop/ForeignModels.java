package io.github.imagejgan.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagejgan.testing.ZipFiles;

/**
 * A bioimage.io model made elsewhere: the specification's example {@code unet2d_nuclei_broad} (see
 * {@code unet2d_nuclei_broad/SOURCE.md} beside the interop test resources), packed as bioimage.io distributes models.
 */
public final class ForeignModels {

    /** The description of format 0.4.9. */
    public static final String V04 = "rdf-0.4.9.yaml";
    /** The description of format 0.5.4. */
    public static final String V05 = "rdf-0.5.4.yaml";

    private static final String FOLDER = "unet2d_nuclei_broad/";
    private static final List<String> FILES = List.of("weights.pt", "weights.onnx", "test_input.npy",
            "test_output.npy", "test_input.png", "test_output.png", "cover0.png", "README.md", "unet2d.py",
            "environment.yaml");

    private ForeignModels() {
    }

    /** The nuclei model zip with the given description as its rdf.yaml, written into {@code dir}. */
    public static Path nuclei(String description, Path dir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("rdf.yaml", InteropResources.bytes(FOLDER + description));
        for (String file : FILES) {
            entries.put(file, InteropResources.bytes(FOLDER + file));
        }
        return ZipFiles.write(dir.resolve("unet2d_nuclei_broad-" + description.replace(".yaml", ".zip")), entries);
    }
}
