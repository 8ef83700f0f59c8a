package io.github.imagejgan.train;

import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.nn.UNetSpec;

/**
 * The sizes that the training options set in a generator: features, U-Net depth (SPADE's levels), residual blocks
 * and super-resolution factor; null where the network has no such size.
 */
public record GeneratorShape(Integer features, Integer depth, Integer blocks, Integer scale) {

    /** The sizes of {@code generator}. */
    public static GeneratorShape of(NetworkSpec generator) {
        if (generator instanceof UNetSpec u) {
            return new GeneratorShape(u.features(), u.depth(), null, null);
        }
        if (generator instanceof UNet3dSpec u) {
            return new GeneratorShape(u.features(), u.depth(), null, null);
        }
        if (generator instanceof InpaintingSpec i) {
            return new GeneratorShape(i.features(), i.depth(), null, null);
        }
        if (generator instanceof SpadeSpec s) {
            return new GeneratorShape(s.features(), s.levels(), null, null);
        }
        if (generator instanceof ResidualSrSpec s) {
            return new GeneratorShape(s.features(), null, s.blocks(), s.scale());
        }
        return new GeneratorShape(null, null, null, null);
    }
}
