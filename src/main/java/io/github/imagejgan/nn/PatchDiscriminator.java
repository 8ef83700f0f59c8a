package io.github.imagejgan.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * The PatchGAN discriminator of pix2pix: 4x4 convolutions, stride 2 then 1, judging every overlapping patch (70x70
 * pixels with three strided layers) as real or fake, so the generator is pushed towards realistic texture
 * everywhere rather than only on average.
 */
public final class PatchDiscriminator {

    private PatchDiscriminator() {
    }

    static Block build(PatchDiscriminatorSpec spec) {
        SequentialBlock d = new SequentialBlock();
        int filters = spec.features();
        d.add(conv(spec, filters, 2)).add(Layers.leakyRelu());
        for (int i = 1; i <= spec.layers(); i++) {
            filters = spec.features() * Math.min(8, 1 << i);
            d.add(conv(spec, filters, i < spec.layers() ? 2 : 1));
            if (spec.norm() == DiscriminatorNorm.INSTANCE) {
                d.add(new InstanceNorm());
            }
            d.add(Layers.leakyRelu());
        }
        d.add(conv(spec, 1, 1));
        return d;
    }

    private static Block conv(PatchDiscriminatorSpec spec, int filters, int stride) {
        return spec.norm() == DiscriminatorNorm.SPECTRAL ? new SpectralNormConv(filters, 4, stride, 1)
                : Layers.conv(filters, 4, stride, 1);
    }
}
