package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A PatchGAN discriminator.
 *
 * @param inputChannels channels it judges (for a conditional discriminator: input and output stacked)
 * @param features      feature maps of the first layer
 * @param layers        strided layers plus one; 3 gives the classic 70x70 patches
 * @param norm          spectral or instance normalization
 */
public record PatchDiscriminatorSpec(int inputChannels, int features, int layers, DiscriminatorNorm norm)
        implements NetworkSpec {

    public PatchDiscriminatorSpec {
        NetworkSpec.require(inputChannels >= 1, "channels must be positive");
        NetworkSpec.requireFeatures(features);
        NetworkSpec.require(layers >= 1 && layers <= 5, "PatchGAN layers must be 1 to 5, got " + layers);
        NetworkSpec.require(norm != null, "choose a discriminator normalization");
    }

    /** The 70x70 PatchGAN with 64 features, spectral normalization. */
    public static PatchDiscriminatorSpec classic(int inputChannels) {
        return new PatchDiscriminatorSpec(inputChannels, 64, 3, DiscriminatorNorm.SPECTRAL);
    }

    @Override
    public String type() {
        return "patchgan";
    }

    @Override
    public Block build() {
        return PatchDiscriminator.build(this);
    }

    @Override
    public int outputChannels() {
        return 1;
    }

    @Override
    public int divisor() {
        return 1 << layers;
    }

    @Override
    public int receptiveFieldRadius() {
        return receptiveField().radius();
    }

    /** Side of the patch each output judges: 70 for the classic three strided layers. */
    public int patchSize() {
        return receptiveField().size();
    }

    private ReceptiveField receptiveField() {
        return receptiveField(new ReceptiveField());
    }

    /** The receptive field of this discriminator's layers after those already in {@code rf}. */
    ReceptiveField receptiveField(ReceptiveField rf) {
        rf.layer(4, 2);
        for (int i = 1; i <= layers; i++) {
            rf.layer(4, i < layers ? 2 : 1);
        }
        return rf.layer(4, 1);
    }
}
