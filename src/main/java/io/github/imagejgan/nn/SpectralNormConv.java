package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A convolution whose weight is divided by its largest singular value (Miyato et al. 2018), which keeps a
 * discriminator Lipschitz and GAN training stable. The singular vector estimate {@code u} is a parameter that does
 * not learn: one power iteration per training forward refines it, and it is saved with the weights so that a resumed
 * run continues exactly. Planar by default; a volumetric one (for (N, C, D, H, W) volumes) also spans
 * {@code sliceKernel} slices, with stride 1 and "same" padding along them.
 */
public final class SpectralNormConv extends AbstractBlock {

    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    /** Kernel along the slices of a volumetric convolution; 0 for a planar one. */
    private final int sliceKernel;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;

    /** A planar convolution with a square kernel. */
    public SpectralNormConv(int filters, int kernel, int stride, int padding) {
        this(filters, kernel, stride, padding, 0);
    }

    /**
     * @param sliceKernel odd kernel along the slices of (N, C, D, H, W) volumes; 0 for a planar convolution
     */
    public SpectralNormConv(int filters, int kernel, int stride, int padding, int sliceKernel) {
        this.sliceKernel = sliceKernel;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
        u = addParameter(Parameter.builder().setName("u").setType(Parameter.Type.OTHER).optRequiresGrad(false)
                .optInitializer(new NormalInitializer(1f)).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long in = inputShapes[0].get(1);
        weight.setShape(sliceKernel > 0 ? new Shape(filters, in, sliceKernel, kernel, kernel)
                : new Shape(filters, in, kernel, kernel));
        bias.setShape(new Shape(filters));
        u.setShape(new Shape(filters));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        if (sliceKernel > 0) {
            return new Shape[] { new Shape(s.get(0), filters, s.get(2), outSize(s.get(3)), outSize(s.get(4))) };
        }
        return new Shape[] { new Shape(s.get(0), filters, outSize(s.get(2)), outSize(s.get(3))) };
    }

    private long outSize(long in) {
        return (in + 2L * padding - kernel) / stride + 1;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        NDArray uArray = store.getValue(u, x.getDevice(), training);
        // Results of operations on parameters belong to the parameters' long-lived manager; hand each one to the
        // input's manager, which is closed after the step, or native memory grows with every step.
        NDManager scope = x.getManager();
        NDArray matrix = owned(w.reshape(filters, -1), scope);
        NDArray fixed = owned(matrix.stopGradient(), scope);
        NDArray v = unit(owned(fixed.transpose(), scope).matMul(owned(uArray.stopGradient(), scope)));
        NDArray uNext = unit(fixed.matMul(v));
        if (training) {
            uNext.copyTo(uArray);
        }
        NDArray sigma = uNext.dot(matrix.matMul(v));
        NDArray normalized = owned(w.div(sigma), scope);
        if (sliceKernel > 0) {
            return new NDList(NarrowConvolutions.convolution(x, normalized, b, new Shape(1, stride, stride),
                    new Shape(sliceKernel / 2, padding, padding), new Shape(1, 1, 1), 1, training));
        }
        return new NDList(NarrowConvolutions.convolution(x, normalized, b, new Shape(stride, stride),
                new Shape(padding, padding), new Shape(1, 1), 1, training));
    }

    private static NDArray owned(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    private static NDArray unit(NDArray vector) {
        return vector.div(vector.norm().add(1e-12f));
    }
}
