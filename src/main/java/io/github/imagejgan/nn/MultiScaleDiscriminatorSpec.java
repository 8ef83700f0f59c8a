package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A multi-scale PatchGAN (pix2pixHD, SPADE): one {@link PatchDiscriminator} per scale, the first judging the image,
 * each further one a copy averaged down by 2 more, so that the coarse ones judge the layout and the fine one the
 * texture. Its block returns every scale's intermediate features and scores, for the feature-matching loss.
 *
 * @param patch  the discriminator of each scale (same architecture, own weights)
 * @param scales how many scales, 1 to 4
 */
public record MultiScaleDiscriminatorSpec(PatchDiscriminatorSpec patch, int scales) implements NetworkSpec {

    public MultiScaleDiscriminatorSpec {
        NetworkSpec.require(patch != null, "a multi-scale discriminator needs the discriminator of each scale");
        NetworkSpec.require(scales >= 1 && scales <= 4, "discriminator scales must be 1 to 4, got " + scales);
    }

    /** Arrays the block returns per scale: the output of each of its activations, then the scores. */
    public int outputsPerScale() {
        return patch.layers() + 2;
    }

    @Override
    public String type() {
        return "multiscale-patchgan";
    }

    @Override
    public Block build() {
        return new MultiScaleDiscriminator(this);
    }

    @Override
    public int inputChannels() {
        return patch.inputChannels();
    }

    @Override
    public int outputChannels() {
        return 1;
    }

    @Override
    public int scale() {
        return 1;
    }

    @Override
    public int divisor() {
        return patch.divisor() << (scales - 1);
    }

    @Override
    public int receptiveFieldRadius() {
        ReceptiveField rf = new ReceptiveField();
        if (scales > 1) {
            rf.layer(1 << (scales - 1), 1 << (scales - 1));
        }
        return patch.receptiveField(rf).radius();
    }
}
