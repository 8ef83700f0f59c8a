package io.github.imagejgan.train;

import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.types.Shape;

/**
 * Patches cut at the same place from matched input and target images (input/target folders matched by file name).
 * For super-resolution pairs the targets are {@code scale} times larger and their patches follow.
 */
public final class PairedPatches implements PatchSource {

    private final List<TrainingSample> inputs;
    private final List<TrainingSample> targets;
    private final int patch;
    private final int batch;
    private final int scale;
    private final long seed;
    private final long[] areas;
    private final String description;

    /**
     * @param patch input patch size; target patches are {@code scale * patch}
     */
    public PairedPatches(List<TrainingSample> inputs, List<TrainingSample> targets, int patch, int batch, int scale,
            long seed, String description) {
        if (inputs.size() != targets.size() || inputs.isEmpty()) {
            throw new TrainingDataException("Paired training needs the same number of input and target images ("
                    + inputs.size() + " vs " + targets.size() + ").");
        }
        for (int i = 0; i < inputs.size(); i++) {
            TrainingSample in = inputs.get(i);
            TrainingSample out = targets.get(i);
            if ((long) in.width() * scale != out.width() || (long) in.height() * scale != out.height()) {
                throw new TrainingDataException("Input " + in.name() + " is " + in.width() + "x" + in.height()
                        + " but target " + out.name() + " is " + out.width() + "x" + out.height()
                        + (scale == 1 ? "; paired images must have the same size."
                                : "; targets must be " + scale + " times larger than inputs."));
            }
        }
        Patches.requireSize(inputs, patch, "Input");
        this.inputs = List.copyOf(inputs);
        this.targets = List.copyOf(targets);
        this.patch = patch;
        this.batch = batch;
        this.scale = scale;
        this.seed = seed;
        this.areas = Patches.cumulativeAreas(inputs);
        this.description = description;
    }

    @Override
    public PatchBatch batch(long step) {
        SplittableRandom random = Patches.random(seed, step);
        int cin = inputChannels();
        int cout = targetChannels();
        int outPatch = patch * scale;
        float[] in = new float[batch * cin * patch * patch];
        float[] out = new float[batch * cout * outPatch * outPatch];
        for (int b = 0; b < batch; b++) {
            int i = Patches.pick(areas, random);
            TrainingSample input = inputs.get(i);
            int x0 = random.nextInt(input.width() - patch + 1);
            int y0 = random.nextInt(input.height() - patch + 1);
            int transform = random.nextInt(8);
            Patches.crop(input, x0, y0, patch, transform, in, b * cin * patch * patch);
            Patches.crop(targets.get(i), x0 * scale, y0 * scale, outPatch, transform, out,
                    b * cout * outPatch * outPatch);
        }
        return new PatchBatch(in, new Shape(batch, cin, patch, patch), out, new Shape(batch, cout, outPatch,
                outPatch));
    }

    @Override
    public int inputChannels() {
        return inputs.get(0).channels().size();
    }

    @Override
    public int targetChannels() {
        return targets.get(0).channels().size();
    }

    @Override
    public String description() {
        return description;
    }
}
