package io.github.imagejgan.interop;

import java.util.List;

/**
 * Choices for exporting a model package.
 *
 * @param python  the Python interpreter with PyTorch that rebuilds networks trained here; null to search for one
 *                (the system property {@code imagejgan.python}, the environment variable {@code IMAGEJ_GAN_PYTHON},
 *                then {@code python3} and {@code /usr/bin/python3})
 * @param authors the model's authors, for bioimage.io
 * @param license an SPDX license identifier, for bioimage.io
 */
public record ExportOptions(String python, List<String> authors, String license) {

    /** Search for Python; authors "imagej-gan user"; license CC-BY-4.0, the usual one on bioimage.io. */
    public static final ExportOptions DEFAULT = new ExportOptions(null, List.of("imagej-gan user"), "CC-BY-4.0");

    public ExportOptions {
        authors = authors == null || authors.isEmpty() ? List.of("imagej-gan user") : List.copyOf(authors);
        license = license == null || license.isBlank() ? "CC-BY-4.0" : license.strip();
    }

    public ExportOptions withPython(String interpreter) {
        return new ExportOptions(interpreter, authors, license);
    }

    public ExportOptions withAuthors(List<String> names, String spdxLicense) {
        return new ExportOptions(python, names, spdxLicense);
    }
}
