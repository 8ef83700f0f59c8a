package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;

import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.model.ModelFormatException;

/**
 * The files a description names, checked against the archive that should hold them. URLs are not followed: a file
 * given by URL is neither read nor reported.
 */
final class ArchiveFiles {

    private final BioimageIoZip zip;
    private final Problems problems;

    ArchiveFiles(BioimageIoZip zip, Problems problems) {
        this.zip = zip;
        this.problems = problems;
    }

    /** The content of a file the description names; null (after a problem if it is absent) when there is none. */
    byte[] file(YamlValue source) throws IOException {
        String s = source.string();
        if (BioimageIoZip.isUrl(s)) {
            return null;
        }
        if (!zip.has(s)) {
            problems.add(source, "names " + s + ", which the archive does not hold");
            return null;
        }
        return zip.read(s, BioimageIoZip.MAX_WEIGHTS_BYTES);
    }

    /** The content of a test tensor, or null when it is given by URL or absent (the shape check reports that). */
    byte[] testTensor(String source) throws IOException {
        return BioimageIoZip.isUrl(source) || !zip.has(source) ? null
                : zip.read(source, BioimageIoZip.MAX_TENSOR_BYTES);
    }

    /** Checks an optional SHA-256 against the content it describes (when the content could be read). */
    void sha256(YamlValue sha, byte[] content) {
        if (sha.isMissing()) {
            return;
        }
        if (!sha.isString() || !sha.string().matches("[0-9a-fA-F]{64}")) {
            problems.add(sha, "must be 64 hexadecimal digits");
        } else if (content != null && !Sha256.matches(sha.string(), content)) {
            problems.add(sha, "does not match the file (its SHA-256 is " + Sha256.hex(content) + ")");
        }
    }

    /** The shape of a {@code .npy} file in the archive; null (after a problem if it is absent or broken) if none. */
    long[] arrayShape(YamlValue file) throws IOException {
        if (BioimageIoZip.isUrl(file.string())) {
            return null;
        }
        if (!zip.has(file.string())) {
            problems.add(file, "names " + file.string() + ", which the archive does not hold");
            return null;
        }
        try {
            return NpyArray.read(zip.read(file.string(), BioimageIoZip.MAX_TENSOR_BYTES), file.string()).shape();
        } catch (ModelFormatException e) {
            problems.add(file, e.getMessage());
            return null;
        }
    }
}
