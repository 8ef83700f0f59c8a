package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Instance normalization with a learned per-channel scale and shift: each channel of each image is normalized over
 * its own pixels. Built on the engine's fused layer norm over (H, W), since DJL has no instance norm layer.
 */
public final class InstanceNorm extends AbstractBlock {

    private static final float EPSILON = 1e-5f;

    private final Parameter gamma;
    private final Parameter beta;

    public InstanceNorm() {
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = inputShapes[0].get(1);
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        Shape plane = new Shape(s.get(2), s.get(3));
        NDManager manager = x.getManager();
        NDArray normalized = LayerNorm.layerNorm(x, plane, manager.ones(plane), manager.zeros(plane), EPSILON)
                .singletonOrThrow();
        // Reshaped parameters would otherwise belong to the parameters' long-lived manager and pile up per step.
        NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(1, s.get(1), 1, 1);
        g.attach(manager);
        NDArray b = store.getValue(beta, x.getDevice(), training).reshape(1, s.get(1), 1, 1);
        b.attach(manager);
        return new NDList(normalized.mul(g).add(b));
    }
}
