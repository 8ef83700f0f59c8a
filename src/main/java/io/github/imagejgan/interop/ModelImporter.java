package io.github.imagejgan.interop;

import io.github.imagejgan.interop.bioimageio.BioimageIoImporter;
import io.github.imagejgan.interop.torchscript.TorchScriptImporter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns networks trained elsewhere into model packages that every command runs like the ones trained here: the
 * package holds the network as a TorchScript module ({@code model.pt}) with a {@code model.json} that states its
 * channels, scale, size divisor, tiling halo and value processing.
 */
public final class ModelImporter {

    private ModelImporter() {
    }

    /**
     * Imports a TorchScript file, e.g. a pix2pix, CycleGAN, CARE or Noise2Void generator saved from Python with
     * {@code torch.jit.save(torch.jit.script(model), "model.pt")}. The module must take and return one NCHW float
     * tensor; what the options leave open is measured by running it on test inputs.
     *
     * @param target the model package to write
     * @throws io.github.imagejgan.model.ModelFormatException if the file is not a TorchScript module that runs, or
     *                                                        contradicts the options
     */
    public static ImportResult importTorchScript(Path torchScript, Path target, ImportOptions options)
            throws IOException {
        return TorchScriptImporter.importFile(torchScript, target, options == null ? ImportOptions.INFER : options);
    }

    /**
     * Imports a bioimage.io model zip (format 0.4 or 0.5) with TorchScript weights: its axes, sizes, halo and
     * pre- and postprocessing become the package's description, and it is checked against its own test tensors
     * (the result's notes say how well it reproduces them). Of the options, only name, description, task and tile
     * size apply.
     *
     * @throws UnsupportedModelException listing every reason if the model needs something that cannot run here
     * @throws io.github.imagejgan.model.ModelFormatException if the file is not a readable bioimage.io model
     */
    public static ImportResult importBioimageIo(Path zip, Path target, ImportOptions options) throws IOException {
        return BioimageIoImporter.importZip(zip, target, options == null ? ImportOptions.INFER : options);
    }
}
