package io.github.imagejgan.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.interop.bioimageio.BioimageIoExporter;
import io.github.imagejgan.interop.torchscript.TorchScriptExporter;
import io.github.imagejgan.model.ModelPackage;

/**
 * Makes model packages usable outside imagej-gan: as a TorchScript file for PyTorch (Python, C++, DJL) and as a
 * bioimage.io model zip for deepImageJ, ilastik, QuPath, napari and the other bioimage.io tools.
 *
 * <p>Networks trained here are DJL blocks written in Java, which have no TorchScript form of their own: the export
 * rebuilds them in PyTorch with Python (see {@link ExportOptions#python()}), checks that PyTorch computes what
 * imagej-gan computes, and loads the saved module back to check it again. Imported TorchScript networks need no
 * Python; their module is passed on as it is.
 */
public final class ModelExporter {

    private ModelExporter() {
    }

    /**
     * Writes the package's generator as a TorchScript file (NCHW float32 in and out, in the network's value range:
     * the package's normalization is not part of it).
     *
     * @throws ExportException if Python with PyTorch is needed and missing, or the module does not reproduce the
     *                         package's outputs
     */
    public static ExportResult exportTorchScript(Path modelPackage, Path target, ExportOptions options)
            throws IOException {
        TorchScriptExporter.Module module = TorchScriptExporter.export(ModelPackage.open(modelPackage),
                options == null ? ExportOptions.DEFAULT : options);
        AtomicFiles.write(target, tmp -> Files.write(tmp, module.module()));
        return new ExportResult(target, module.pytorchVersion(), module.pythonDifference(),
                module.reloadedDifference(), java.util.List.of());
    }

    /**
     * Writes the package as a bioimage.io model zip (format 0.5) with TorchScript weights, test tensors, cover and
     * documentation, checked against the specification and read back before it replaces {@code target}.
     *
     * @throws ExportException as {@link #exportTorchScript}, or if the model cannot be described for bioimage.io
     *                         (an imported inpainting module that takes its mask as a channel of the image)
     */
    public static ExportResult exportBioimageIo(Path modelPackage, Path target, ExportOptions options)
            throws IOException {
        return BioimageIoExporter.export(modelPackage, target, options == null ? ExportOptions.DEFAULT : options);
    }
}
