package io.github.imagejgan.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * A file written by an export, and how it was checked.
 *
 * @param target             the file
 * @param pytorchVersion     the PyTorch version that saved the TorchScript module (for a model imported from
 *                           bioimage.io, the one its description declares)
 * @param pythonDifference   largest difference between PyTorch in Python and imagej-gan on a seeded test batch
 *                           (0 when an imported module was passed on unchanged)
 * @param reloadedDifference largest difference between the saved module, loaded back through DJL, and imagej-gan
 * @param notes              what the user should know about the result, one sentence each
 */
public record ExportResult(Path target, String pytorchVersion, double pythonDifference, double reloadedDifference,
        List<String> notes) {

    public ExportResult {
        notes = List.copyOf(notes);
    }
}
