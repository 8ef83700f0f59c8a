package io.github.imagejgan.nn;

import java.util.List;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

/**
 * A compact SRGAN/EDSR-style super-resolution generator: a head convolution, residual blocks at input resolution
 * with a long skip, then one sub-pixel stage per factor 2 (convolution to 4x the features and pixel shuffle) and an
 * output convolution. The result is added to the bicubic-upsampled input (nearest in the first models), so the
 * network only learns the detail that interpolation misses; an untrained network is exactly bicubic interpolation
 * and learns what to add to it.
 */
public final class ResidualSrGenerator {

    private static final float BRANCH_SCALE = 0.1f;

    private ResidualSrGenerator() {
    }

    static Block build(ResidualSrSpec spec) {
        SequentialBlock body = new SequentialBlock();
        for (int i = 0; i < spec.blocks(); i++) {
            body.add(residual(new SequentialBlock().add(Layers.conv(spec.features(), 3, 1, 1))
                    .add(Layers.leakyRelu()).add(Layers.conv(spec.features(), 3, 1, 1))));
        }
        body.add(Layers.conv(spec.features(), 3, 1, 1));
        SequentialBlock main = new SequentialBlock().add(Layers.conv(spec.features(), 3, 1, 1)).add(residual(body));
        for (int factor = spec.scale(); factor > 1; factor /= 2) {
            main.add(Layers.conv(4 * spec.features(), 3, 1, 1))
                    .add(LambdaBlock.singleton(x -> Layers.pixelShuffle(x, 2), "pixelShuffle"))
                    .add(Layers.leakyRelu());
        }
        main.add(Layers.conv(spec.channels(), 3, 1, 1));
        // NB: the image channels only; a noise map after them informs the correction and is not upsampled.
        UnaryOperator<NDArray> image = spec.noiseMap()
                ? x -> x.get(new NDIndex(":, 0:{}", spec.channels())) : x -> x;
        Block upsampled = spec.upsampling().equals(ResidualSrSpec.BICUBIC)
                ? LambdaBlock.singleton(x -> Layers.upsampleBicubic(image.apply(x), spec.scale()), "bicubic")
                : LambdaBlock.singleton(x -> Layers.upsampleNearest(image.apply(x), spec.scale()), "nearest");
        return sum(upsampled, main);
    }

    /**
     * Starts a freshly initialized network at its interpolation: the output layer is set to zero, so an untrained
     * network is exactly bicubic (or nearest) upsampling, and the last layer of every inner residual branch (each
     * residual block's and the long skip's) is scaled down. With He initialization every block would otherwise
     * double the variance of what it adds to (2^8 after eight blocks), as EDSR's residual scaling and Fixup avoid.
     * The zero output layer still gets gradients, so everything learns from the first step on. NB: not part of
     * initialization, which also runs on loaded weights.
     */
    static void startAtInterpolation(Block network) {
        scaleBranchEnds(network, 0f);
    }

    private static void scaleBranchEnds(Block block, float factor) {
        if (block instanceof ParallelBlock) {
            List<Block> branches = block.getChildren().values();
            if (branches.get(branches.size() - 1) instanceof SequentialBlock branch) {
                List<Block> layers = branch.getChildren().values();
                for (Pair<String, Parameter> p : layers.get(layers.size() - 1).getParameters()) {
                    if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                        Networks.scaleInPlace(p.getValue().getArray(), factor);
                    }
                }
            }
        }
        for (Block child : block.getChildren().values()) {
            scaleBranchEnds(child, BRANCH_SCALE);
        }
    }

    private static Block residual(Block body) {
        return sum(Blocks.identityBlock(), body);
    }

    private static Block sum(Block a, Block b) {
        return new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1)
                .singletonOrThrow())), List.of(a, b));
    }
}
