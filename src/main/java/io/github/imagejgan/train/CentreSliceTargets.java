package io.github.imagejgan.train;

import java.util.Map;

import ai.djl.ndarray.types.Shape;

/**
 * Patches for a 2.5D model: the wrapped source crops every sample with its neighbouring slices as channels (the
 * slice itself first, see {@link TrainingFolder#withSliceContext}) for inputs and targets alike; the network is to
 * restore only that slice, so the targets keep their first channel.
 */
final class CentreSliceTargets implements PatchSource {

    private final PatchSource withNeighbours;
    private final double sliceSpacing;

    /** @param sliceSpacing distance between the slices in pixel widths */
    CentreSliceTargets(PatchSource withNeighbours, double sliceSpacing) {
        this.withNeighbours = withNeighbours;
        this.sliceSpacing = sliceSpacing;
    }

    @Override
    public double sliceSpacing() {
        return sliceSpacing;
    }

    @Override
    public PatchBatch batch(long step) {
        PatchBatch batch = withNeighbours.batch(step);
        Shape shape = batch.targetShape();
        int items = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int plane = (int) (shape.get(2) * shape.get(3));
        float[] centre = new float[items * plane];
        float[] weights = batch.lossWeights() == null ? null : new float[items * plane];
        for (int b = 0; b < items; b++) {
            System.arraycopy(batch.target(), b * channels * plane, centre, b * plane, plane);
            if (weights != null) {
                System.arraycopy(batch.lossWeights(), b * channels * plane, weights, b * plane, plane);
            }
        }
        return new PatchBatch(batch.input(), batch.inputShape(), centre, new Shape(items, 1, shape.get(2),
                shape.get(3)), weights);
    }

    @Override
    public int inputChannels() {
        return withNeighbours.inputChannels();
    }

    @Override
    public int targetChannels() {
        return 1;
    }

    @Override
    public String description() {
        return withNeighbours.description();
    }

    @Override
    public Map<String, Object> degradation() {
        return withNeighbours.degradation();
    }
}
