package io.github.imagejgan.train;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.types.Shape;

/**
 * Self-supervised batches from noisy images alone: each target is a noisy crop (normalized as prediction will
 * normalize the image). With blind spots ({@link BlindSpot}) each input is the same crop with its blind spots
 * replaced, and only those carry loss weight; channels are masked independently, each at its own positions. With
 * neighbour pairs ({@link NeighbourPairs}) the input is the crop itself: the trainer samples the pairs.
 */
public final class NoisyPatches implements PatchSource {

    private final List<TrainingSample> samples;
    private final SelfSupervision scheme;
    private final int patch;
    private final int batch;
    private final long seed;
    private final long[] areas;
    private final String description;

    public NoisyPatches(List<TrainingSample> samples, SelfSupervision scheme, int patch, int batch, long seed,
            String description) {
        if (samples.isEmpty()) {
            throw new TrainingDataException("No noisy images to train on.");
        }
        Patches.requireSize(samples, patch, "Training");
        this.samples = List.copyOf(samples);
        this.scheme = scheme;
        this.patch = patch;
        this.batch = batch;
        this.seed = seed;
        this.areas = Patches.cumulativeAreas(samples);
        this.description = description;
    }

    @Override
    public PatchBatch batch(long step) {
        SplittableRandom random = Patches.random(seed, step);
        int c = targetChannels();
        int plane = patch * patch;
        float[] targets = new float[batch * c * plane];
        for (int b = 0; b < batch; b++) {
            TrainingSample sample = samples.get(Patches.pick(areas, random));
            int x0 = random.nextInt(sample.width() - patch + 1);
            int y0 = random.nextInt(sample.height() - patch + 1);
            Patches.crop(sample, x0, y0, patch, random.nextInt(8), targets, b * c * plane);
        }
        Shape shape = new Shape(batch, c, patch, patch);
        if (!(scheme instanceof BlindSpot blindSpot)) {
            return new PatchBatch(targets, shape, targets, shape);
        }
        float[] inputs = targets.clone();
        float[] weights = new float[targets.length];
        for (int p = 0; p < batch * c; p++) {
            blindSpot.mask(inputs, p * plane, patch, weights, random);
        }
        return new PatchBatch(inputs, shape, targets, shape, weights);
    }

    @Override
    public int inputChannels() {
        return targetChannels();
    }

    @Override
    public int targetChannels() {
        return samples.get(0).channels().size();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, Object> degradation() {
        return Map.of("type", scheme.type(), "masking", scheme.spec());
    }
}
