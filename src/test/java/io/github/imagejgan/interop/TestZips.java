package io.github.imagejgan.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.yaml.snakeyaml.Yaml;

import io.github.imagejgan.testing.ZipFiles;

/** Reading, editing and writing zip archives for tests, including broken and hostile ones. */
public final class TestZips {

    private TestZips() {
    }

    public static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    public static Map<String, byte[]> entries(Path zip) throws IOException {
        return entries(Files.readAllBytes(zip));
    }

    /** A copy of a bioimage.io zip resource whose rdf.yaml was changed by {@code edit}. */
    @SuppressWarnings("unchecked")
    public static Path withRdf(String resource, Path file, Consumer<Map<String, Object>> edit) throws IOException {
        Map<String, byte[]> entries = entries(InteropResources.bytes(resource));
        Map<String, Object> rdf = new Yaml().load(new String(entries.get("rdf.yaml"), StandardCharsets.UTF_8));
        edit.accept(rdf);
        entries.put("rdf.yaml", new Yaml().dump(rdf).getBytes(StandardCharsets.UTF_8));
        return ZipFiles.write(file, entries);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static java.util.List<Object> list(Object value) {
        return (java.util.List<Object>) value;
    }
}
