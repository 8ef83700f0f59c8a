package io.github.imagejgan.interop;

import java.util.List;

import ij.ImagePlus;

/**
 * Choices for exporting a model package.
 *
 * @param python    the Python interpreter with PyTorch that rebuilds networks trained here; null to search for one
 *                  (the system property {@code imagejgan.python}, the environment variable {@code IMAGEJ_GAN_PYTHON},
 *                  then {@code python3} and {@code /usr/bin/python3})
 * @param authors   for bioimage.io: the authors of a model trained here (null or empty: "imagej-gan user"); for a
 *                  model imported from bioimage.io, whose own authors stay its authors, the persons who package it
 * @param license   for bioimage.io: the SPDX licence of a model trained here (null: CC-BY-4.0); a model imported
 *                  from bioimage.io keeps the licence its authors gave it, and any other is refused
 * @param testImage for bioimage.io: an image from the model's own domain whose centre becomes the test input (an
 *                  image of the model's channels, at least as large as its smallest input); null for a synthetic
 *                  image of the model's domain (CT, MR, fluorescence or a natural scene, degraded as the model
 *                  expects)
 */
public record ExportOptions(String python, List<String> authors, String license, ImagePlus testImage) {

    /** The author of a model trained here when none is named. */
    public static final String DEFAULT_AUTHOR = "imagej-gan user";
    /** The licence of a model trained here when none is named: the usual one on bioimage.io. */
    public static final String DEFAULT_LICENSE = "CC-BY-4.0";

    /** Search for Python; default attribution; a synthetic test image. */
    public static final ExportOptions DEFAULT = new ExportOptions(null, null, null, null);

    public ExportOptions {
        authors = authors == null ? List.of() : List.copyOf(authors);
        license = license == null || license.isBlank() ? null : license.strip();
    }

    public ExportOptions withPython(String interpreter) {
        return new ExportOptions(interpreter, authors, license, testImage);
    }

    public ExportOptions withAuthors(List<String> names, String spdxLicense) {
        return new ExportOptions(python, names, spdxLicense, testImage);
    }

    public ExportOptions withTestImage(ImagePlus image) {
        return new ExportOptions(python, authors, license, image);
    }
}
