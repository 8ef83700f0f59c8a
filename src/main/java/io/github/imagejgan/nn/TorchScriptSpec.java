package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A network trained elsewhere and saved as a TorchScript module (e.g. a pix2pix or CycleGAN generator exported from
 * Python, or the weights of a bioimage.io model). Its structure lives in the module itself, so this spec only states
 * what the image path needs to know about it; the module is loaded with {@link TorchScriptNetwork#load}.
 *
 * @param inputChannels         channels the module takes
 * @param outputChannels        channels it returns
 * @param scale                 output pixels per input pixel along X and Y
 * @param divisor               input sizes must be multiples of this
 * @param minimumSize           the smallest input edge the module accepts (1 when any size works)
 * @param receptiveFieldRadius  input pixels on each side that influence an output pixel (the tiling halo)
 * @param wholeInputStatistics  true if outputs also depend on statistics of the whole input (instance norm)
 * @param inputAxes             the module's input layout over b (batch), c (channel), y, x: "bcyx" for PyTorch's
 *                              usual NCHW; b or c may be missing (then batches are split, or the one channel is
 *                              dropped)
 * @param outputAxes            the module's output layout, in the same letters
 * @param fixedSize             true when {@code minimumSize} is the only input edge the module takes (a bioimage.io
 *                              model of one fixed size): tiles are then cut to exactly that size
 * @param maskInput             true when the module takes an inpainting mask as a second tensor after the image
 *                              (as bioimage.io models take several inputs), laid out like the image with one channel;
 *                              the image path still hands over one batch whose last channel is the mask, which is
 *                              counted in {@code inputChannels}
 */
public record TorchScriptSpec(int inputChannels, int outputChannels, int scale, int divisor, int minimumSize,
        int receptiveFieldRadius, boolean wholeInputStatistics, String inputAxes, String outputAxes,
        boolean fixedSize, boolean maskInput) implements NetworkSpec {

    /** PyTorch's usual layout. */
    public static final String NCHW = "bcyx";

    public TorchScriptSpec {
        NetworkSpec.require(inputChannels >= 1 && outputChannels >= 1, "channels must be positive");
        NetworkSpec.require(!maskInput || inputChannels >= 2, "a module with a mask input takes an image as well");
        NetworkSpec.require(scale >= 1, "scale must be at least 1, got " + scale);
        NetworkSpec.require(divisor >= 1, "the size divisor must be at least 1, got " + divisor);
        NetworkSpec.require(minimumSize >= 1, "the minimum size must be at least 1, got " + minimumSize);
        NetworkSpec.require(receptiveFieldRadius >= 0, "the receptive-field radius must not be negative");
        inputAxes = inputAxes == null ? NCHW : inputAxes;
        outputAxes = outputAxes == null ? NCHW : outputAxes;
        TensorLayout.of(inputAxes, maskInput ? inputChannels - 1 : inputChannels);
        TensorLayout.of(outputAxes, outputChannels);
    }

    /** A module that takes one input tensor. */
    public TorchScriptSpec(int inputChannels, int outputChannels, int scale, int divisor, int minimumSize,
            int receptiveFieldRadius, boolean wholeInputStatistics, String inputAxes, String outputAxes,
            boolean fixedSize) {
        this(inputChannels, outputChannels, scale, divisor, minimumSize, receptiveFieldRadius, wholeInputStatistics,
                inputAxes, outputAxes, fixedSize, false);
    }

    /** A module that takes every size of at least {@code minimumSize} that is a multiple of {@code divisor}. */
    public TorchScriptSpec(int inputChannels, int outputChannels, int scale, int divisor, int minimumSize,
            int receptiveFieldRadius, boolean wholeInputStatistics, String inputAxes, String outputAxes) {
        this(inputChannels, outputChannels, scale, divisor, minimumSize, receptiveFieldRadius, wholeInputStatistics,
                inputAxes, outputAxes, false);
    }

    /** A module with PyTorch's usual NCHW layout in and out, that takes any size that is a multiple of divisor. */
    public static TorchScriptSpec nchw(int inputChannels, int outputChannels, int scale, int divisor,
            int receptiveFieldRadius, boolean wholeInputStatistics) {
        return new TorchScriptSpec(inputChannels, outputChannels, scale, divisor, 1, receptiveFieldRadius,
                wholeInputStatistics, NCHW, NCHW);
    }

    /** The same module with another halo, e.g. none for a sample run whole. */
    public TorchScriptSpec withReceptiveFieldRadius(int radius) {
        return new TorchScriptSpec(inputChannels, outputChannels, scale, divisor, minimumSize, radius,
                wholeInputStatistics, inputAxes, outputAxes, fixedSize, maskInput);
    }

    /** The same module, taking the last of its input channels as a separate mask tensor. */
    public TorchScriptSpec withMaskInput() {
        return new TorchScriptSpec(inputChannels, outputChannels, scale, divisor, minimumSize, receptiveFieldRadius,
                wholeInputStatistics, inputAxes, outputAxes, fixedSize, true);
    }

    @Override
    public String type() {
        return "torchscript";
    }

    /**
     * Always fails: the structure of a TorchScript network is in its module file, not in this description.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Block build() {
        throw new UnsupportedOperationException("A TorchScript network cannot be rebuilt from its description; it "
                + "is loaded together with its module (model.pt). It can run, but not be trained further here.");
    }

    @Override
    public int fixedInputSize() {
        return fixedSize ? minimumSize : 0;
    }

    @Override
    public boolean usesWholeInputStatistics() {
        return wholeInputStatistics;
    }
}
