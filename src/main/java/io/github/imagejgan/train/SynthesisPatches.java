package io.github.imagejgan.train;

import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.types.Shape;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ProcessingStep;

/**
 * Patches for label-to-image synthesis: a label image and its real image, cut at the same place with the same flip
 * or rotation. The labels keep their ids (never interpolated or normalized); the real images are normalized as
 * every target is. Each input patch holds the labels, then a plane of Gaussian noise drawn for that step, the
 * generator's second channel.
 */
public final class SynthesisPatches implements PatchSource {

    private final List<TrainingSample> labels;
    private final List<TrainingSample> images;
    private final int classes;
    private final int patch;
    private final int batch;
    private final long seed;
    private final long[] areas;
    private final String description;

    /**
     * @param labels  label images, their values the ids (identity mapping)
     * @param images  the real images, of the same sizes, in the same order
     * @param classes classes the labels hold (the generator's)
     */
    public SynthesisPatches(List<TrainingSample> labels, List<TrainingSample> images, int classes, int patch,
            int batch, long seed, String description) {
        if (labels.size() != images.size() || labels.isEmpty()) {
            throw new TrainingDataException("Synthesis needs as many label images as real images (" + labels.size()
                    + " vs " + images.size() + ").");
        }
        for (int i = 0; i < labels.size(); i++) {
            TrainingSample l = labels.get(i);
            TrainingSample r = images.get(i);
            if (l.width() != r.width() || l.height() != r.height()) {
                throw new TrainingDataException("Labels " + l.name() + " are " + l.width() + "x" + l.height()
                        + " but image " + r.name() + " is " + r.width() + "x" + r.height() + "; each label image "
                        + "must have the size of its image.");
            }
            if (l.channels().size() != 1) {
                throw new TrainingDataException("Labels " + l.name() + " have " + l.channels().size()
                        + " channels; a label image has one.");
            }
        }
        Patches.requireSize(labels, patch, "Label");
        this.labels = List.copyOf(labels);
        this.images = List.copyOf(images);
        this.classes = classes;
        this.patch = patch;
        this.batch = batch;
        this.seed = seed;
        this.areas = Patches.cumulativeAreas(labels);
        this.description = description;
    }

    /** Classes the labels hold. */
    public int classes() {
        return classes;
    }

    @Override
    public PatchBatch batch(long step) {
        SplittableRandom random = Patches.random(seed, step);
        int plane = patch * patch;
        int cout = targetChannels();
        float[] in = new float[batch * 2 * plane];
        float[] out = new float[batch * cout * plane];
        for (int b = 0; b < batch; b++) {
            int i = Patches.pick(areas, random);
            TrainingSample label = labels.get(i);
            int x0 = random.nextInt(label.width() - patch + 1);
            int y0 = random.nextInt(label.height() - patch + 1);
            int transform = random.nextInt(8);
            Patches.crop(label, x0, y0, patch, transform, LinearMap.IDENTITY, in, b * 2 * plane);
            for (int p = 0; p < plane; p++) {
                in[(2 * b + 1) * plane + p] = (float) random.nextGaussian();
            }
            Patches.crop(images.get(i), x0, y0, patch, transform, out, b * cout * plane);
        }
        return new PatchBatch(in, new Shape(batch, 2, patch, patch), out, new Shape(batch, cout, patch, patch));
    }

    @Override
    public int inputChannels() {
        return 2;
    }

    @Override
    public int targetChannels() {
        return images.get(0).channels().size();
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * Labels pass as they are; outputs map back to grey values by the mean range of the training images (the mean
     * of their low and of their high percentiles), as a synthesized image has no input of its own to take a range
     * from.
     */
    @Override
    public ModelDescriptor.Normalization normalization() {
        double low = 0;
        double high = 0;
        for (TrainingSample image : images) {
            LinearMap map = image.normalize();
            low += map.shift();
            high += map.shift() + 1.0 / map.factor();
        }
        low /= images.size();
        high /= images.size();
        return ModelDescriptor.Normalization.declared(new DeclaredProcessing(List.of(), List.of(
                new ProcessingStep.ScaleLinear(List.of(high - low), List.of(low)))));
    }
}
