package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A SPADE (GauGAN) generator: label image plus noise in, image out. The network's input channel 0 holds the labels
 * as they are (class ids, or instance ids), channel 1 a plane of Gaussian noise; the label encoding is built inside
 * the network ({@link LabelMaps}).
 *
 * @param classes   semantic labels: ids 0 to {@code classes - 1}, each its own class; instance labels: 2
 *                  (background, the id 0, and object, any other id)
 * @param instances the labels are instance ids: the network sees foreground and the boundaries between instances
 * @param channels  image channels out
 * @param features  feature maps at full resolution; coarser levels have up to four times as many
 * @param levels    the network starts at 1/2^levels of the input's resolution and doubles it per level
 */
public record SpadeSpec(int classes, boolean instances, int channels, int features, int levels)
        implements NetworkSpec {

    /** More classes than label images of microscopy or medicine need; bounds a hostile description. */
    public static final int MAX_CLASSES = 256;

    public SpadeSpec {
        NetworkSpec.require(classes >= 2 && classes <= MAX_CLASSES, "classes must be 2 to " + MAX_CLASSES
                + " (the background counts), got " + classes);
        NetworkSpec.require(!instances || classes == 2, "instance labels have 2 classes (background and object), got "
                + classes);
        NetworkSpec.require(channels >= 1, "channels must be positive");
        NetworkSpec.requireFeatures(features);
        NetworkSpec.require(levels >= 1 && levels <= 6, "SPADE levels must be 1 to 6, got " + levels);
    }

    /** Channels of the label map the network builds: one per class, plus the boundary map for instances. */
    public int mapChannels() {
        return instances ? classes + 1 : classes;
    }

    /** Feature maps at a level (0: full resolution). */
    public int features(int level) {
        return features * (1 << Math.min(level, 2));
    }

    @Override
    public String type() {
        return "spade";
    }

    @Override
    public Block build() {
        return new SpadeGenerator(this);
    }

    /** Labels and noise. */
    @Override
    public int inputChannels() {
        return 2;
    }

    @Override
    public int outputChannels() {
        return channels;
    }

    @Override
    public int scale() {
        return 1;
    }

    @Override
    public int divisor() {
        return 1 << levels;
    }

    /**
     * The farthest path from an input pixel to an output pixel, over every level where the labels enter: the
     * label map pooled to that level, two SPADE convolutions to the first block's modulation, its two convolutions,
     * two per finer level, and the output convolution.
     */
    @Override
    public int receptiveFieldRadius() {
        int radius = 0;
        for (int entry = 0; entry <= levels; entry++) {
            ReceptiveField rf = new ReceptiveField();
            if (instances) {
                rf.layer(3, 1);
            }
            if (entry > 0) {
                rf.layer(1 << entry, 1 << entry);
            }
            rf.layers(4, 3, 1);
            for (int level = entry - 1; level >= 0; level--) {
                rf.upsample(2).layers(2, 3, 1);
            }
            radius = Math.max(radius, rf.layer(3, 1).radius());
        }
        return radius;
    }
}
