package io.github.imagejgan.train;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.types.Shape;

/**
 * Pairs made from one folder of clean images: each target patch is a clean crop, each input the same crop passed
 * through a {@link PatchDegradation} (noise, blur and downsampling, masks).
 */
public final class DegradedPatches implements PatchSource {

    private final List<TrainingSample> clean;
    private final PatchDegradation degradation;
    private final int patch;
    private final int batch;
    private final long seed;
    private final long[] areas;
    private final String description;

    /**
     * @param patch target (clean) patch size
     */
    public DegradedPatches(List<TrainingSample> clean, PatchDegradation degradation, int patch, int batch, long seed,
            String description) {
        if (clean.isEmpty()) {
            throw new TrainingDataException("No clean images to train on.");
        }
        Patches.requireSize(clean, patch, "Training");
        this.clean = List.copyOf(clean);
        this.degradation = degradation;
        this.patch = patch;
        this.batch = batch;
        this.seed = seed;
        this.areas = Patches.cumulativeAreas(clean);
        this.description = description;
    }

    @Override
    public PatchBatch batch(long step) {
        SplittableRandom random = Patches.random(seed, step);
        int c = targetChannels();
        int cin = inputChannels();
        int inSize = degradation.inputSize(patch);
        int targetItem = c * patch * patch;
        int inputItem = cin * inSize * inSize;
        float[] targets = new float[batch * targetItem];
        float[] inputs = new float[batch * inputItem];
        for (int b = 0; b < batch; b++) {
            TrainingSample sample = clean.get(Patches.pick(areas, random));
            int x0 = random.nextInt(sample.width() - patch + 1);
            int y0 = random.nextInt(sample.height() - patch + 1);
            Patches.crop(sample, x0, y0, patch, random.nextInt(8), targets, b * targetItem);
            float[] one = java.util.Arrays.copyOfRange(targets, b * targetItem, (b + 1) * targetItem);
            float[] degraded = degradation.degrade(one, c, patch, random.split());
            if (degraded.length != inputItem) {
                throw new IllegalStateException("Degradation returned " + degraded.length + " values, expected "
                        + inputItem);
            }
            System.arraycopy(degraded, 0, inputs, b * inputItem, inputItem);
        }
        return new PatchBatch(inputs, new Shape(batch, cin, inSize, inSize), targets, new Shape(batch, c, patch,
                patch));
    }

    @Override
    public int inputChannels() {
        return degradation.inputChannels(targetChannels());
    }

    @Override
    public int targetChannels() {
        return clean.get(0).channels().size();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, Object> degradation() {
        return degradation.describe();
    }
}
