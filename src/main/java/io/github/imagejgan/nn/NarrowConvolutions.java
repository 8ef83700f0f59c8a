package io.github.imagejgan.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Convolutions that compute right on every CPU: with few output channels (a network's 1- or 3-channel output layer, a
 * discriminator's score map), whose input gradient the engine gets wrong, and with more than 16 input channels that
 * are not a multiple of 16, whose output it gets wrong.
 *
 * <p>NB: on the CPU (PyTorch 2.7.1's oneDNN), the forward pass of a convolution with more than 16 input channels that
 * are not a multiple of 16 (24, 28, 36, 42, ... as U-Nets of 12, 14 or 24 features have, by their skip connections)
 * reads the unused lanes of its last channel block from memory that is not cleared: where that memory last held NaN,
 * the output is NaN. Measured with freed NaN-filled arrays before each call: every such convolution gave NaN, none
 * with 1 to 16 or a multiple of 16 input channels; a whole training of a 14-feature U-Net diverged at its first step.
 * The input and the weight are padded with zero channels to a whole block, on the CPU, in training and in use;
 * networks of 16, 32 or 64 features are not touched.
 *
 * <p>NB: on CPUs with AVX-512 (measured on an AMD EPYC; PyTorch 2.7.1's oneDNN 3.7.1), the engine's backward pass
 * of a 3x3 (or 3x3x3) convolution whose output channels are not a multiple of its channel block (16) returns a wrong
 * input gradient: the block's unused channels are read, not zeros. 32 to 3 channels on 24-pixel patches gave input
 * gradients summing to 1.77 where float64 gives 1.40; 32 to 1 channel on 96-pixel batches of 8 gave NaN in about
 * 1 % of calls, and a super-resolution training diverged within 2 to 120 steps every time; a 1-channel 11x11 window
 * erred too. (The 1x1 heads measured were right; they are padded all the same, at little cost.) With the filters
 * padded by zeros to a whole block and the extra outputs dropped, the gradients match float64 and no call in 800
 * gave NaN; the padding adds those outputs' work to one layer only, and the parameters keep their shapes.
 */
public final class NarrowConvolutions {

    /** Output channels per block of the engine's CPU convolution kernels (16 for AVX-512, 8 for AVX2). */
    static final int CHANNEL_BLOCK = 16;

    private NarrowConvolutions() {
    }

    /**
     * A 2-D or 3-D convolution, as {@link ai.djl.nn.convolutional.Conv2d#conv2d} and {@link Conv3d#conv3d} (by the
     * weight's dimensions); with one group on the CPU, more than 16 input channels padded to a whole block, and its
     * filters padded to a whole block when {@code training} (NB: not decided from the input, whose gradient flag the
     * engine reports only for arrays made to require one, not for results computed from them). Grouped (depthwise)
     * convolutions were right and are left alone.
     */
    public static NDArray convolution(NDArray x, NDArray weight, NDArray bias, Shape stride, Shape padding,
            Shape dilation, int groups, boolean training) {
        if (groups != 1 || !x.getDevice().equals(Device.cpu())) {
            return plain(x, weight, bias, stride, padding, dilation, groups);
        }
        NDManager scope = x.getManager();
        long inputs = weight.getShape().get(1);
        if (inputs > CHANNEL_BLOCK && inputs % CHANNEL_BLOCK != 0) {
            long extra = CHANNEL_BLOCK - inputs % CHANNEL_BLOCK;
            x = padded(x, scope.zeros(channels(x.getShape(), extra), x.getDataType()), 1, scope);
            weight = padded(weight, scope.zeros(channels(weight.getShape(), extra), weight.getDataType()), 1, scope);
        }
        long filters = weight.getShape().get(0);
        if (filters % CHANNEL_BLOCK == 0 || !training) {
            return plain(x, weight, bias, stride, padding, dilation, 1);
        }
        long extra = CHANNEL_BLOCK - filters % CHANNEL_BLOCK;
        NDArray paddedWeight = padded(weight, scope.zeros(new Shape(extra).addAll(weight.getShape().slice(1)),
                weight.getDataType()), 0, scope);
        NDArray paddedBias = bias == null ? null
                : padded(bias, scope.zeros(new Shape(extra), bias.getDataType()), 0, scope);
        return plain(x, paddedWeight, paddedBias, stride, padding, dilation, 1).get(new NDIndex(":, 0:{}", filters));
    }

    private static NDArray plain(NDArray x, NDArray weight, NDArray bias, Shape stride, Shape padding,
            Shape dilation, int groups) {
        NDList out = weight.getShape().dimension() == 5
                ? Conv3d.conv3d(x, weight, bias, stride, padding, dilation, groups)
                : ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, bias, stride, padding, dilation, groups);
        return out.singletonOrThrow();
    }

    /**
     * {@code values} followed by {@code zeros} along {@code axis}, owned by {@code scope}: a parameter's own results
     * would stay in its long-lived manager and pile up with every step.
     */
    private static NDArray padded(NDArray values, NDArray zeros, int axis, NDManager scope) {
        NDArray result = values.concat(zeros, axis);
        result.attach(scope);
        return result;
    }

    /** {@code shape} with {@code count} along its second axis (the channels of an input, the inputs of a weight). */
    private static Shape channels(Shape shape, long count) {
        return new Shape(shape.get(0), count).addAll(shape.slice(2));
    }

    /**
     * DJL's 2-D convolution block computed by {@link NarrowConvolutions#convolution}. Named {@code Conv2d} so that the
     * parameter names a sequential block derives from its children's class names, and with them every saved model
     * and checkpoint, stay as they were.
     */
    public static final class Conv2d extends ai.djl.nn.convolutional.Conv2d {

        Conv2d(ai.djl.nn.convolutional.Conv2d.Builder builder) {
            super(builder);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            Device device = x.getDevice();
            NDArray w = store.getValue(weight, device, training);
            NDArray b = includeBias ? store.getValue(bias, device, training) : null;
            return new NDList(convolution(x, w, b, stride, padding, dilation, groups, training));
        }
    }
}
