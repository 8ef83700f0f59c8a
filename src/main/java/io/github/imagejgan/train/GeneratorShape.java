package io.github.imagejgan.train;

import java.util.function.Function;

import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.nn.UNetSpec;

/**
 * The sizes that the training options set in a generator: features, U-Net depth (SPADE's levels), residual blocks
 * and super-resolution factor, null where the network has no such size; and whether it takes a noise map.
 */
public record GeneratorShape(Integer features, Integer depth, Integer blocks, Integer scale, boolean noiseMap) {

    /** No sizes: a run from random weights takes its options or their defaults. */
    public static final GeneratorShape NONE = new GeneratorShape(null, null, null, null, false);

    /** One of these sizes, or {@code fallback} where the network has none. */
    public int or(Function<GeneratorShape, Integer> size, int fallback) {
        Integer value = size.apply(this);
        return value == null ? fallback : value;
    }

    /** The sizes of {@code generator}. */
    public static GeneratorShape of(NetworkSpec generator) {
        boolean map = generator.noiseMap();
        if (generator instanceof UNetSpec u) {
            return new GeneratorShape(u.features(), u.depth(), null, null, map);
        }
        if (generator instanceof UNet3dSpec u) {
            return new GeneratorShape(u.features(), u.depth(), null, null, map);
        }
        if (generator instanceof InpaintingSpec i) {
            return new GeneratorShape(i.features(), i.depth(), null, null, map);
        }
        if (generator instanceof SpadeSpec s) {
            return new GeneratorShape(s.features(), s.levels(), null, null, map);
        }
        if (generator instanceof ResidualSrSpec s) {
            return new GeneratorShape(s.features(), null, s.blocks(), s.scale(), map);
        }
        return NONE;
    }
}
