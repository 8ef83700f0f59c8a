package io.github.imagejgan.train;

import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.types.Shape;

/**
 * Independent patches from two image domains, for unpaired translation: {@link PatchBatch#input()} holds domain A,
 * {@link PatchBatch#target()} domain B.
 */
public final class UnpairedPatches implements PatchSource {

    private final List<TrainingSample> domainA;
    private final List<TrainingSample> domainB;
    private final int patch;
    private final int batch;
    private final long seed;
    private final long[] areasA;
    private final long[] areasB;
    private final String description;

    public UnpairedPatches(List<TrainingSample> domainA, List<TrainingSample> domainB, int patch, int batch,
            long seed, String description) {
        if (domainA.isEmpty() || domainB.isEmpty()) {
            throw new TrainingDataException("Unpaired training needs images in both domains.");
        }
        Patches.requireSize(domainA, patch, "Domain A");
        Patches.requireSize(domainB, patch, "Domain B");
        this.domainA = List.copyOf(domainA);
        this.domainB = List.copyOf(domainB);
        this.patch = patch;
        this.batch = batch;
        this.seed = seed;
        this.areasA = Patches.cumulativeAreas(domainA);
        this.areasB = Patches.cumulativeAreas(domainB);
        this.description = description;
    }

    @Override
    public PatchBatch batch(long step) {
        SplittableRandom random = Patches.random(seed, step);
        int ca = inputChannels();
        int cb = targetChannels();
        float[] a = new float[batch * ca * patch * patch];
        float[] b = new float[batch * cb * patch * patch];
        for (int i = 0; i < batch; i++) {
            cropRandom(domainA, areasA, random, a, i * ca * patch * patch);
            cropRandom(domainB, areasB, random, b, i * cb * patch * patch);
        }
        return new PatchBatch(a, new Shape(batch, ca, patch, patch), b, new Shape(batch, cb, patch, patch));
    }

    private void cropRandom(List<TrainingSample> samples, long[] areas, SplittableRandom random, float[] dst,
            int offset) {
        TrainingSample s = samples.get(Patches.pick(areas, random));
        int x0 = random.nextInt(s.width() - patch + 1);
        int y0 = random.nextInt(s.height() - patch + 1);
        Patches.crop(s, x0, y0, patch, random.nextInt(8), dst, offset);
    }

    @Override
    public int inputChannels() {
        return domainA.get(0).channels().size();
    }

    @Override
    public int targetChannels() {
        return domainB.get(0).channels().size();
    }

    @Override
    public String description() {
        return description;
    }
}
