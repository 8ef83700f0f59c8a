package io.github.imagejgan.nn;

import ai.djl.nn.Block;

/**
 * A PatchGAN discriminator.
 *
 * @param inputChannels channels it judges (for a conditional discriminator: input and output stacked)
 * @param features      feature maps of the first layer
 * @param layers        strided layers plus one; 3 gives the classic 70x70 patches
 * @param norm          spectral or instance normalization
 * @param slices        0 for a planar discriminator; for a volumetric one (3D PatchGAN) the window of slices that a
 *                      volumetric generator ({@link UNet3dSpec}) takes: it then judges the restored slice in the
 *                      volume of its input's neighbours, from the window (as channels, the generator's order)
 *                      followed by the restored slice
 */
public record PatchDiscriminatorSpec(int inputChannels, int features, int layers, DiscriminatorNorm norm, int slices)
        implements NetworkSpec {

    /** A planar discriminator. */
    public PatchDiscriminatorSpec(int inputChannels, int features, int layers, DiscriminatorNorm norm) {
        this(inputChannels, features, layers, norm, 0);
    }

    public PatchDiscriminatorSpec {
        NetworkSpec.require(inputChannels >= 1, "channels must be positive");
        NetworkSpec.requireFeatures(features);
        NetworkSpec.require(layers >= 1 && layers <= 5, "PatchGAN layers must be 1 to 5, got " + layers);
        NetworkSpec.require(norm != null, "choose a discriminator normalization");
        NetworkSpec.require(slices == 0 || slices >= 3 && slices % 2 == 1 && inputChannels == slices + 1
                && norm == DiscriminatorNorm.SPECTRAL, "a volumetric PatchGAN judges an odd window of 3 or more "
                        + "slices and the restored one (window + 1 channels), with spectral normalization; got "
                        + slices + " slices and " + inputChannels + " channels");
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
        return slices > 0 ? new VolumePatchDiscriminator(this) : PatchDiscriminator.build(this);
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
