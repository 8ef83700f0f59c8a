package io.github.imagejgan.interop;

import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.task.UserException;

/**
 * What a user states about a TorchScript network when importing it; everything left at its "infer" value is found
 * by running the network on test inputs (see {@link io.github.imagejgan.nn.NetworkProbe}). For bioimage.io models
 * the model's own description decides channels, scale, divisor, halo and processing, and only the name,
 * description, task and tile size apply.
 *
 * @param name           model name; null takes it from the file
 * @param description    one or two sentences for users; null for a generic one
 * @param task           what the model does; null infers it (super-resolution when the output is larger,
 *                       denoise otherwise)
 * @param inputChannels  channels the network takes; 0 infers them (1 to 4 are tried)
 * @param outputChannels channels it returns; 0 infers them
 * @param scale          output pixels per input pixel; 0 infers it
 * @param divisor        input sizes must be multiples of this; 0 infers it
 * @param halo           tile context in input pixels, at least the receptive-field radius; -1 infers it
 * @param tileSize       tile core size in input pixels; 0 for 256
 * @param normalization  how image values map to network values: percentiles into [0, 1] by default, or
 *                       {@code Normalization.DEFAULT.withNetworkRange(-1, 1)} for pix2pix and CycleGAN networks
 */
public record ImportOptions(String name, String description, ModelTask task, int inputChannels, int outputChannels,
        int scale, int divisor, int halo, int tileSize, ModelDescriptor.Normalization normalization) {

    /** Infer everything, normalize by percentiles into [0, 1]. */
    public static final ImportOptions INFER = new ImportOptions(null, null, null, 0, 0, 0, 0, -1, 0,
            ModelDescriptor.Normalization.DEFAULT);

    public ImportOptions {
        if (inputChannels < 0 || outputChannels < 0 || scale < 0 || divisor < 0 || halo < -1 || tileSize < 0) {
            throw new UserException("Import options need non-negative channels, scale, divisor and tile "
                    + "size, and a halo of -1 (infer) or more; got channels " + inputChannels + "/" + outputChannels
                    + ", scale " + scale + ", divisor " + divisor + ", halo " + halo + ", tile " + tileSize);
        }
        if (divisor > 0 && Integer.bitCount(divisor) != 1) {
            throw new UserException("The size divisor must be a power of two, got " + divisor);
        }
        normalization = normalization == null ? ModelDescriptor.Normalization.DEFAULT : normalization;
    }

    public ImportOptions withName(String newName, String newDescription) {
        return new ImportOptions(newName, newDescription, task, inputChannels, outputChannels, scale, divisor, halo,
                tileSize, normalization);
    }

    public ImportOptions withTask(ModelTask newTask) {
        return new ImportOptions(name, description, newTask, inputChannels, outputChannels, scale, divisor, halo,
                tileSize, normalization);
    }

    public ImportOptions withChannels(int in, int out) {
        return new ImportOptions(name, description, task, in, out, scale, divisor, halo, tileSize, normalization);
    }

    public ImportOptions withScale(int newScale) {
        return new ImportOptions(name, description, task, inputChannels, outputChannels, newScale, divisor, halo,
                tileSize, normalization);
    }

    public ImportOptions withDivisor(int newDivisor) {
        return new ImportOptions(name, description, task, inputChannels, outputChannels, scale, newDivisor, halo,
                tileSize, normalization);
    }

    public ImportOptions withHalo(int newHalo) {
        return new ImportOptions(name, description, task, inputChannels, outputChannels, scale, divisor, newHalo,
                tileSize, normalization);
    }

    public ImportOptions withTileSize(int size) {
        return new ImportOptions(name, description, task, inputChannels, outputChannels, scale, divisor, halo, size,
                normalization);
    }

    public ImportOptions withNormalization(ModelDescriptor.Normalization newNormalization) {
        return new ImportOptions(name, description, task, inputChannels, outputChannels, scale, divisor, halo,
                tileSize, newNormalization);
    }
}
