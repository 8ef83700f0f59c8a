package io.github.imagejgan.interop.bioimageio;

import java.util.List;

import io.github.imagejgan.model.ProcessingStep;

/**
 * What the image path needs from a bioimage.io model description, the same for format 0.4 and 0.5.
 *
 * @param formatVersion  e.g. {@code 0.5.7}
 * @param name           the model's name
 * @param description    its description
 * @param input          the input tensor of the image
 * @param mask           an inpainting mask, the second input tensor (1 where a pixel is to be filled); null for a
 *                       model of one input
 * @param output         the one output tensor
 * @param weightsSource  the TorchScript weights file, relative to rdf.yaml
 * @param weightsSha256  its declared SHA-256, or null
 * @param testInput      the test input file (.npy), or null
 * @param testMask       the mask's test file (.npy), or null
 * @param testOutput     the test output file (.npy), or null
 * @param imagejGanTask  the task imagej-gan recorded in {@code config.imagej_gan.task} when it exported the model,
 *                       or null
 */
record BioimageIoModel(String formatVersion, String name, String description, Tensor input, Tensor mask,
        Tensor output, String weightsSource, String weightsSha256, String testInput, String testMask,
        String testOutput, String imagejGanTask) {

    /**
     * One tensor.
     *
     * @param id          its name (0.4) or id (0.5)
     * @param axes        its layout in the letters b, c, y, x
     * @param channels    channels it holds
     * @param divisor     spatial sizes are multiples of this (inputs)
     * @param minimumSize the smallest spatial size (inputs)
     * @param fixedSize   true if the one valid spatial size is {@code minimumSize} (inputs)
     * @param scale       output pixels per input pixel (outputs)
     * @param halo        pixels to discard at tile borders, in input pixels (outputs)
     * @param processing  preprocessing (inputs) or postprocessing (outputs)
     */
    record Tensor(String id, String axes, int channels, int divisor, int minimumSize, boolean fixedSize, int scale,
            int halo, List<ProcessingStep> processing) {
    }
}
