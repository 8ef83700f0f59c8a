package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Parameter-free batch normalization, the normalization of SPADE's generator (Park et al. 2019): in training each
 * channel is normalized by the mean and variance of the batch, which also update running averages; at prediction
 * by those running averages alone. Prediction is then a fixed affine map per channel and pixel, so tiles equal
 * whole images, which instance normalization's per-image statistics would not allow. Scale and shift come from the
 * label map instead ({@link Spade}).
 */
final class BatchStatisticsNorm extends AbstractBlock {

    private static final float EPSILON = 1e-5f;

    /** Weight of the newest batch in the running averages (PyTorch's default). */
    private static final float MOMENTUM = 0.1f;


    private final Parameter runningMean;
    private final Parameter runningVar;

    BatchStatisticsNorm() {
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape channels = new Shape(inputShapes[0].get(1));
        runningMean.setShape(channels);
        runningVar.setShape(channels);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDManager manager = x.getManager();
        NDArray storedMean = store.getValue(runningMean, x.getDevice(), training);
        NDArray storedVar = store.getValue(runningVar, x.getDevice(), training);
        NDArray mean;
        NDArray var;
        if (training) {
            mean = batchMean(x);
            var = batchMean(x.sub(mean).square());
            update(storedMean, mean);
            update(storedVar, var);
        } else {
            // Reshaped parameters would otherwise belong to the parameters' long-lived manager and pile up.
            mean = storedMean.reshape(1, -1, 1, 1);
            mean.attach(manager);
            var = storedVar.reshape(1, -1, 1, 1);
            var.attach(manager);
        }
        return new NDList(x.sub(mean).div(var.add(EPSILON).sqrt()));
    }

    /**
     * The mean over batch, rows and columns, one per channel. NB: the engine averages over one axis at a time; the
     * groups are equal in size, so the mean of means is the mean.
     */
    private static NDArray batchMean(NDArray x) {
        return x.mean(new int[] { 3 }, true).mean(new int[] { 2 }, true).mean(new int[] { 0 }, true);
    }

    /** Moves a running average towards a batch statistic, outside the gradient graph. */
    private static void update(NDArray running, NDArray batch) {
        try (NDArray step = batch.stopGradient().reshape(-1).sub(running).mul(MOMENTUM)) {
            running.addi(step);
        }
    }
}
