package io.github.imagejgan.train;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.types.Shape;
import io.github.imagejgan.image.LinearMap;

/**
 * Pairs made from one folder of clean images: each target patch is a clean crop, each input the same crop passed
 * through a {@link PatchDegradation} (noise, blur and downsampling, masks).
 *
 * <p>The crop is degraded in the image's own grey values; then input and target are both normalized with the range
 * that prediction would find in the degraded image, so the network sees at training what it will see in use.
 */
public final class DegradedPatches implements PatchSource {

    /** Pixels per sample for the normalization estimate: 64 x 64. */
    private static final int PIXEL_SAMPLE = 64 * 64;

    private final List<TrainingSample> clean;
    private final PatchDegradation degradation;
    private final int patch;
    private final int batch;
    private final long seed;
    private final long[] areas;
    private final String description;
    /** Per sample, a fixed random sample of its pixels (image units) from which input normalizations are estimated. */
    private final float[][] pixelSamples;

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
        this.pixelSamples = new float[clean.size()][];
        for (int i = 0; i < clean.size(); i++) {
            pixelSamples[i] = Patches.pixelSample(clean.get(i), PIXEL_SAMPLE, seed + i);
        }
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
            int index = Patches.pick(areas, random);
            TrainingSample sample = clean.get(index);
            int x0 = random.nextInt(sample.width() - patch + 1);
            int y0 = random.nextInt(sample.height() - patch + 1);
            Patches.crop(sample, x0, y0, patch, random.nextInt(8), LinearMap.IDENTITY, targets, b * targetItem);
            float[] one = Arrays.copyOfRange(targets, b * targetItem, (b + 1) * targetItem);
            long seed = random.nextLong();
            float[] degraded = degradation.degrade(one, c, patch, seed);
            if (degraded.length != inputItem) {
                throw new IllegalStateException("Degradation returned " + degraded.length + " values, expected "
                        + inputItem);
            }
            LinearMap normalize = degradation.inputNormalization(pixelSamples[index], seed, sample.normalize());
            // Image channels only: a mask channel after them stays 0/1 (and an axially blurred window of slices
            // comes back narrower than the clean one).
            map(degraded, 0, Math.min(c, cin) * inSize * inSize, normalize);
            System.arraycopy(degraded, 0, inputs, b * inputItem, inputItem);
            map(targets, b * targetItem, targetItem, normalize);
        }
        return new PatchBatch(inputs, new Shape(batch, cin, inSize, inSize), targets, new Shape(batch, c, patch,
                patch));
    }

    private static void map(float[] values, int from, int count, LinearMap map) {
        for (int i = from; i < from + count; i++) {
            values[i] = map.apply(values[i]);
        }
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
