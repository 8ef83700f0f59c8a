package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.SafeZip;

/**
 * A bioimage.io model archive: its {@code rdf.yaml} (or {@code *.bioimageio.yaml}), found at the top of the archive
 * or inside its one top-level folder, and the files it names, read into memory on demand with size limits.
 */
final class BioimageIoZip implements AutoCloseable {

    static final long MAX_RDF_BYTES = 1 << 20;
    static final long MAX_WEIGHTS_BYTES = 1L << 30;
    static final long MAX_TENSOR_BYTES = 256L << 20;
    static final long MAX_FILE_BYTES = 32L << 20;

    private final SafeZip zip;
    private final String folder;
    private final String rdfName;
    private final byte[] rdfBytes;
    private final YamlValue rdf;

    private BioimageIoZip(SafeZip zip, String folder, String rdfName, byte[] rdfBytes) {
        this.zip = zip;
        this.folder = folder;
        this.rdfName = rdfName;
        this.rdfBytes = rdfBytes;
        this.rdf = YamlValue.parse(rdfBytes, rdfName);
    }

    /**
     * Opens an archive and parses its model description.
     *
     * @throws ModelFormatException if it is not a readable zip, has unsafe entries, or holds no (readable)
     *                              rdf.yaml
     */
    static BioimageIoZip open(Path file) throws IOException {
        SafeZip zip = SafeZip.open(file, "a bioimage.io model (zip)");
        try {
            String rdfName = findRdf(zip);
            String folder = rdfName.contains("/") ? rdfName.substring(0, rdfName.lastIndexOf('/') + 1) : "";
            return new BioimageIoZip(zip, folder, rdfName, zip.read(rdfName, MAX_RDF_BYTES));
        } catch (RuntimeException | IOException e) {
            zip.close();
            throw e;
        }
    }

    private static String findRdf(SafeZip zip) {
        List<String> candidates = zip.names().stream().filter(n -> {
            String base = n.substring(n.lastIndexOf('/') + 1);
            int depth = n.length() - n.replace("/", "").length();
            return depth <= 1 && (base.equals("rdf.yaml") || base.endsWith("bioimageio.yaml"));
        }).sorted((a, b) -> Integer.compare(a.length() - a.replace("/", "").length(),
                b.length() - b.replace("/", "").length())).toList();
        if (candidates.isEmpty()) {
            throw new ModelFormatException(zip.fileName() + " is not a bioimage.io model: it has no rdf.yaml.");
        }
        return candidates.get(0);
    }

    YamlValue rdf() {
        return rdf;
    }

    /** The model description as the archive holds it. */
    byte[] rdfBytes() {
        return rdfBytes.clone();
    }

    String rdfName() {
        return rdfName;
    }

    String fileName() {
        return zip.fileName();
    }

    /** True if {@code source} is a URL rather than a file in the archive. */
    static boolean isUrl(String source) {
        return source != null && source.matches("(?i)^[a-z][a-z0-9+.-]*://.*");
    }

    /** True if the archive holds the file that {@code source} (relative to rdf.yaml) names. */
    boolean has(String source) {
        return source != null && !isUrl(source) && zip.contains(entry(source));
    }

    /**
     * Reads the file that {@code source} names.
     *
     * @throws ModelFormatException if it is a URL, missing, unsafe or larger than {@code limit}
     */
    byte[] read(String source, long limit) throws IOException {
        if (isUrl(source)) {
            throw new ModelFormatException(fileName() + ": " + source + " is a URL; import the packaged model "
                    + "zip, which holds its files.");
        }
        if (!has(source)) {
            throw new ModelFormatException(fileName() + " lacks " + source + ", which rdf.yaml names.");
        }
        return zip.read(entry(source), limit);
    }

    private String entry(String source) {
        String s = source.replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        return folder + s;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
