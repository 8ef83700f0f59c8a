package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

class NetworksTest {

    private static NDArray run(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }

    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of(new UNetSpec(1, 1, 2, 4, true, false, false), 24, 40),
                Arguments.of(new UNetSpec(3, 2, 3, 4, true, false, true), 16, 8),
                Arguments.of(new UNetSpec(2, 2, 1, 4, false, true, false), 6, 10),
                Arguments.of(new UNet3dSpec(2, 2, 4, true), 16, 24),
                Arguments.of(new UNet3dSpec(1, 1, 4, false), 6, 10),
                Arguments.of(new ResidualSrSpec(1, 8, 2, 2), 13, 7),
                Arguments.of(new ResidualSrSpec(2, 8, 1, 4), 9, 16),
                Arguments.of(new ResidualSrSpec(1, 8, 1, 4, ResidualSrSpec.NEAREST), 5, 6),
                Arguments.of(new ResidualSrSpec(1, 8, 2, 2, ResidualSrSpec.BICUBIC, true), 13, 7),
                Arguments.of(new UNetSpec(2, 1, 2, 4, true, false, false, true), 24, 40),
                Arguments.of(new InpaintingSpec(1, 2, 4), 20, 12),
                Arguments.of(new InpaintingSpec(2, 1, 4, InpaintingSpec.ZERO), 6, 10),
                Arguments.of(new ResidualDenoiserSpec(1, 4, 3), 11, 17),
                Arguments.of(new SpadeSpec(6, false, 1, 4, 2), 16, 24),
                Arguments.of(new SpadeSpec(2, true, 2, 4, 1), 10, 14));
    }

    static Stream<NetworkSpec> noiseMapNetworks() {
        return Stream.of(new UNetSpec(2, 1, 2, 4, true, false, false, true),
                new ResidualSrSpec(1, 8, 2, 2, ResidualSrSpec.BICUBIC, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noiseMapNetworks")
    void aNetworkWidenedForANoiseMapComputesWhatItsStartDidUntilItLearns(NetworkSpec spec) {
        Engine.getEngine("PyTorch").setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block start = Networks.create(spec.withoutNoiseMap(), manager);
            // The start's last layer is trained away from zero (a new SR network's is zero).
            for (var p : start.getParameters()) {
                p.getValue().getArray().setRequiresGradient(false);
                p.getValue().getArray().addi(manager.randomNormal(0, 0.05f, p.getValue().getShape(),
                        p.getValue().getArray().getDataType()));
            }
            Block widened = Networks.create(spec, manager);
            Networks.copyWidened(start, widened);
            NDArray image = manager.randomUniform(0, 1, new Shape(1, 1, 16, 16));
            NDArray map = manager.randomUniform(0, 0.2f, new Shape(1, 1, 16, 16));
            NDArray before = run(start, manager, image);
            NDArray after = run(widened, manager, image.concat(map, 1));
            assertTrue(before.abs().max().getFloat() > 1e-3, "the start computes something");
            assertEquals(0, before.sub(after).abs().max().getFloat(), 1e-5, "the map's weights start at zero");
            assertEquals(spec.withoutNoiseMap().inputChannels() + 1, spec.inputChannels());
            assertTrue(spec.noiseMap());
            assertFalse(spec.withoutNoiseMap().noiseMap());
        }
    }

    static Stream<Arguments> grownNetworks() {
        return Stream.of(Arguments.of(new UNetSpec(1, 1, 3, 4, true, false, false), 6),
                Arguments.of(new UNetSpec(2, 1, 2, 4, false, false, true), 5),
                Arguments.of(new UNetSpec(2, 1, 2, 4, true, false, false, true), 6),
                Arguments.of(new UNetSpec(2, 2, 2, 4, true, true, false), 6),
                Arguments.of(new InpaintingSpec(1, 2, 4), 6));
    }

    @ParameterizedTest(name = "{0} to {1} features")
    @MethodSource("grownNetworks")
    void aNetworkGrownToMoreFeaturesComputesWhatItsStartDidAndItsNewChannelsLearn(NetworkSpec narrow,
            int features) {
        Engine.getEngine("PyTorch").setRandomSeed(6);
        NetworkSpec spec = narrow instanceof UNetSpec u ? u.withFeatures(features)
                : new InpaintingSpec(1, 2, features);
        assertTrue(spec.growsFrom(narrow));
        assertFalse(narrow.growsFrom(spec), "fewer features are not grown into");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block start = Networks.create(narrow, manager);
            for (var p : start.getParameters()) {
                p.getValue().getArray().setRequiresGradient(false);
                p.getValue().getArray().addi(manager.randomNormal(0, 0.05f, p.getValue().getShape(),
                        p.getValue().getArray().getDataType()));
            }
            Block grown = Networks.create(spec, manager);
            Networks.copyGrown(start, grown, UNetGenerator::parts);
            NDArray image = manager.randomUniform(0, 1, new Shape(1, spec.inputChannels(), 16, 16));
            if (spec instanceof InpaintingSpec) {
                image.set(new NDIndex(":, 1"), 0f);
                image.set(new NDIndex(":, 1, 4:9, 3:12"), 1f);
            }
            NDArray before = run(start, manager, image);
            NDArray after = run(grown, manager, image);
            assertTrue(before.abs().max().getFloat() > 1e-3, "the start computes something");
            assertEquals(0, before.sub(after).abs().max().getFloat(), 1e-5, "the further channels add nothing yet");
            // The further channels compute something of their own: the weights that take them, now zero, get a
            // gradient (copies of existing channels would too, but would stay copies under Adam).
            var head = grown.getParameters().get(grown.getParameters().size() - 2).getValue().getArray();
            assertEquals(features, head.getShape().get(1));
            assertEquals(0, head.get(new NDIndex(":, 4:")).abs().max().getFloat());
            for (var p : grown.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            try (var tape = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray out = grown.forward(new ParameterStore(manager, false), new NDList(image), true)
                        .singletonOrThrow();
                tape.backward(out.sub(image.get(new NDIndex(":, 0:1"))).square().mean().add(out.mean()));
            }
            float reached = head.getGradient().get(new NDIndex(":, 4:")).abs().max().getFloat();
            assertTrue(reached > 1e-6, "the further channels reach the output's gradient: " + reached);
        }
    }

    @Test
    void onlyTheSameNetworkWithFewerFeaturesGrows() {
        UNetSpec plain = new UNetSpec(1, 1, 3, 8, true, false, false);
        assertFalse(new UNetSpec(1, 1, 4, 16, true, false, false).growsFrom(plain), "another depth");
        assertFalse(new UNetSpec(1, 1, 3, 16, false, false, false).growsFrom(plain), "not residual");
        assertFalse(new UNetSpec(1, 1, 3, 16, true, true, false).growsFrom(plain), "gated");
        assertFalse(plain.growsFrom(plain), "the same network is loaded, not grown");
        assertFalse(plain.growsFrom(new ResidualDenoiserSpec(1, 4, 3)));
        assertFalse(new InpaintingSpec(1, 3, 16).growsFrom(new InpaintingSpec(1, 3, 8, InpaintingSpec.SMOOTH)));
        assertFalse(new ResidualSrSpec(1, 16, 2, 2).growsFrom(new ResidualSrSpec(1, 8, 2, 2)), "not a U-Net");
        assertEquals(new Networks.Parts(1, 2), UNetGenerator.parts("07decoder0_01SequentialBlock_01Conv2d_weight"));
        assertEquals(Networks.Parts.WHOLE, UNetGenerator.parts("07decoder0_02SequentialBlock_01Conv2d_weight"));
        assertEquals(Networks.Parts.WHOLE, UNetGenerator.parts("06up0_01Conv2d_weight"));
        assertEquals(new Networks.Parts(2, 2),
                UNetGenerator.parts("01unet_06decoder0_01SequentialBlock_01GatedConv2d_01conv_bias"));
    }

    @Test
    void aNetworkOfOtherShapesIsNotWidened() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block start = Networks.create(new UNetSpec(1, 1, 2, 4, true, false, false), manager);
            Block other = Networks.create(new UNetSpec(2, 1, 2, 8, true, false, false, true), manager);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Networks.copyWidened(start, other));
            assertTrue(e.getMessage().contains("has the shape"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} on {1}x{2}")
    @MethodSource("generators")
    void generatorsProduceTheStatedShape(NetworkSpec spec, int h, int w) {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = Networks.create(spec, manager);
            NDArray y = run(g, manager, manager.randomUniform(0, 1, new Shape(2, spec.inputChannels(), h, w)));
            assertEquals(new Shape(2, spec.outputChannels(), (long) h * spec.scale(), (long) w * spec.scale()),
                    y.getShape());
            assertTrue(Networks.parameterCount(g) > 0);
            assertEquals(0, h % spec.divisor());
        }
    }

    @Test
    void bicubicUpsamplingInterpolatesAsKeysCubicConvolution() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // A plane a + b*y + c*x is reproduced exactly by cubic convolution wherever no edge pixel is involved;
            // output pixel k of a factor-2 step samples input coordinate (k - 0.5) / 2.
            int h = 9;
            int w = 11;
            float[] plane = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    plane[y * w + x] = 5 + 2f * y - 3f * x;
                }
            }
            NDArray up = Layers.upsampleBicubic(manager.create(plane, new Shape(1, 1, h, w)), 2);
            assertEquals(new Shape(1, 1, 2 * h, 2 * w), up.getShape());
            float[] values = up.toFloatArray();
            for (int y = 4; y < 2 * h - 4; y++) {
                for (int x = 4; x < 2 * w - 4; x++) {
                    double expected = 5 + 2 * (y - 0.5) / 2 - 3 * (x - 0.5) / 2;
                    assertEquals(expected, values[y * 2 * w + x], 1e-4, "at " + y + "," + x);
                }
            }
            // A constant stays constant up to the edges, and x4 is two x2 steps.
            NDArray flat = manager.full(new Shape(2, 3, 5, 4), 7f);
            NDArray flatUp = Layers.upsampleBicubic(flat, 4);
            assertEquals(new Shape(2, 3, 20, 16), flatUp.getShape());
            assertEquals(0, flatUp.sub(7f).abs().max().getFloat(), 1e-5);
            NDArray random = manager.randomUniform(0, 1, new Shape(1, 2, 6, 7));
            assertEquals(0, Layers.upsampleBicubic(random, 4).sub(Layers.upsampleBicubic(Layers.upsampleBicubic(
                    random, 2), 2)).abs().max().getFloat(), 1e-6);
        }
    }

    @Test
    void gaussianBlurKeepsPlanesAndAveragesNoiseAway() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] plane = new float[20 * 30];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = 1 + 0.5f * (i % 30) + 0.25f * (i / 30);
            }
            NDArray blurred = Layers.gaussianBlur(manager.create(plane, new Shape(1, 1, 20, 30)), 1.5);
            float[] b = blurred.toFloatArray();
            for (int y = 5; y < 15; y++) {
                for (int x = 5; x < 25; x++) {
                    assertEquals(plane[y * 30 + x], b[y * 30 + x], 1e-4, "a symmetric kernel keeps a plane");
                }
            }
            NDArray noise = manager.randomNormal(0, 1, new Shape(1, 2, 64, 64), ai.djl.ndarray.types.DataType.FLOAT32);
            double variance = Layers.gaussianBlur(noise, 2).square().mean().getFloat();
            // White noise through a Gaussian of sigma s keeps 1 / (4 pi s^2) of its variance: 0.02 for s = 2.
            assertEquals(1 / (4 * Math.PI * 4), variance, 0.008);
        }
    }

    @Test
    void anUntrainedSuperResolutionNetworkIsBicubicInterpolation() {
        Engine.getEngine("PyTorch").setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(0, 1, new Shape(1, 1, 24, 24));
            NDArray bicubic = Layers.upsampleBicubic(x, 2);
            Block network = Networks.create(new ResidualSrSpec(1, 32, 8, 2), manager);
            assertEquals(0, run(network, manager, x).sub(bicubic).abs().max().getFloat(), 1e-6,
                    "an untrained network is bicubic interpolation");
            // Only the output layer is zero; inner branches are small but not zero, so every layer learns at once.
            long zeroLayers = network.getParameters().stream().filter(p -> p.getValue().getType()
                    == ai.djl.nn.Parameter.Type.WEIGHT && p.getValue().getArray().abs().max().getFloat() == 0)
                    .count();
            assertEquals(1, zeroLayers);
        }
    }

    @Test
    void smoothFillKeepsKnownPixelsAndContinuesTheirSurroundingsIntoHoles() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int h = 23;
            int w = 30;
            float[] ramp = new float[h * w];
            float[] known = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ramp[y * w + x] = 0.1f + 0.02f * x + 0.01f * y;
                    boolean hole = y >= 4 && y < 19 && x >= 8 && x < 24;
                    known[y * w + x] = hole ? 0 : 1;
                }
            }
            NDArray image = manager.create(ramp, new Shape(1, 1, h, w));
            NDArray keep = manager.create(known, new Shape(1, 1, h, w));
            float[] filled = Layers.smoothFill(image.mul(keep), keep).toFloatArray();
            double worst = 0;
            for (int i = 0; i < ramp.length; i++) {
                if (known[i] == 1) {
                    assertEquals(ramp[i], filled[i], 1e-7, "a known pixel keeps its value");
                } else {
                    worst = Math.max(worst, Math.abs(filled[i] - ramp[i]));
                }
            }
            // Across the 15x16 hole the ramp rises by 0.45; a harmonic fill would continue it exactly.
            assertTrue(worst < 0.02, "largest error in the hole " + worst);
            NDArray flat = manager.full(new Shape(2, 3, 17, 9), 4f);
            NDArray dots = manager.randomUniform(0, 1, new Shape(2, 1, 17, 9)).gt(0.7f).toType(
                    ai.djl.ndarray.types.DataType.FLOAT32, false);
            assertEquals(0, Layers.smoothFill(flat.mul(dots), dots).sub(4f).abs().max().getFloat(), 1e-5,
                    "a constant is filled with itself, over every channel, wherever the holes lie");
            NDArray nothing = manager.zeros(new Shape(1, 1, 5, 5));
            assertEquals(0, Layers.smoothFill(nothing, nothing).abs().max().getFloat(), 0,
                    "nothing known: zeros, not NaN");
        }
    }

    @Test
    void theThinPlateFillContinuesSlopesAcrossAStrokeWhereTheSmoothFillSags() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int h = 40;
            int w = 48;
            float[] surface = new float[h * w];
            float[] known = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double u = x / (double) w;
                    double v = y / (double) h;
                    // A cubic: its Laplacian squared is zero, so the biharmonic fill reproduces it exactly.
                    surface[y * w + x] = (float) (0.2 + 0.5 * u * u * u - 0.3 * u * v * v + 0.4 * v * v);
                    boolean stroke = Math.abs(y - 0.5 * x - 6) < 4 && x > 6 && x < 42;
                    known[y * w + x] = stroke ? 0 : 1;
                }
            }
            NDArray image = manager.create(surface, new Shape(1, 1, h, w));
            NDArray keep = manager.create(known, new Shape(1, 1, h, w));
            float[] thin = Layers.thinPlateFill(image.mul(keep), keep).toFloatArray();
            float[] smooth = Layers.smoothFill(image.mul(keep), keep).toFloatArray();
            double thinWorst = 0;
            double smoothWorst = 0;
            for (int i = 0; i < surface.length; i++) {
                if (known[i] == 1) {
                    assertEquals(surface[i], thin[i], 1e-7, "a known pixel keeps its value");
                } else {
                    thinWorst = Math.max(thinWorst, Math.abs(thin[i] - surface[i]));
                    smoothWorst = Math.max(smoothWorst, Math.abs(smooth[i] - surface[i]));
                }
            }
            assertTrue(thinWorst < 1e-3, "largest thin-plate error in the stroke " + thinWorst);
            assertTrue(smoothWorst > 5 * thinWorst, "the smooth fill sags more: " + smoothWorst);
            NDArray flat = manager.full(new Shape(2, 3, 17, 9), 4f);
            NDArray dots = manager.randomUniform(0, 1, new Shape(2, 1, 17, 9)).gt(0.7f).toType(
                    ai.djl.ndarray.types.DataType.FLOAT32, false);
            assertEquals(0, Layers.thinPlateFill(flat.mul(dots), dots).sub(4f).abs().max().getFloat(), 1e-4,
                    "a constant is filled with itself, over every channel, wherever the holes lie");
            NDArray nothing = manager.zeros(new Shape(1, 1, 5, 5));
            assertEquals(0, Layers.thinPlateFill(nothing, nothing).abs().max().getFloat(), 0,
                    "nothing known: zeros, not NaN");
            NDArray edge = manager.zeros(new Shape(1, 1, 12, 12));
            NDArray edgeKnown = manager.ones(new Shape(1, 1, 12, 12));
            edgeKnown.set(new ai.djl.ndarray.index.NDIndex("0, 0, 9:, 3:8"), 0f);
            assertEquals(0, Layers.thinPlateFill(edge.add(0.5f).mul(edgeKnown), edgeKnown).sub(0.5f).abs().max()
                    .getFloat(), 1e-4, "a hole at the image's edge stays within its surroundings");
        }
    }

    @Test
    void nearestUpsamplingRepeatsEachPixelAndSumsItsGradientBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Shape shape : List.of(new Shape(2, 3, 5, 7), new Shape(2, 3, 4, 5, 6))) {
                for (int factor : new int[] { 2, 3, 4 }) {
                    NDArray x = manager.randomUniform(0, 1, shape);
                    x.setRequiresGradient(true);
                    int d = shape.dimension();
                    NDArray repeated = x.repeat(d - 2, factor).repeat(d - 1, factor);
                    NDArray weights = manager.randomUniform(0, 1, repeated.getShape());
                    NDArray up;
                    try (ai.djl.training.GradientCollector collector = Engine.getInstance()
                            .newGradientCollector()) {
                        up = Layers.upsampleNearest(x, factor);
                        collector.backward(up.mul(weights).sum());
                    }
                    assertEquals(repeated.getShape(), up.getShape());
                    assertEquals(0, up.sub(repeated).abs().max().getFloat(), 0, shape + " x" + factor);
                    // Each input pixel's gradient is the sum of the weights of its factor x factor copies.
                    NDArray blocks = weights.reshape(shape.size() / (shape.get(d - 2) * shape.get(d - 1)),
                            shape.get(d - 2), factor, shape.get(d - 1), factor).sum(new int[] { 2, 4 })
                            .reshape(shape);
                    assertEquals(0, x.getGradient().sub(blocks).abs().max().getFloat(), 1e-5);
                }
            }
        }
    }

    @Test
    void anUntrainedInpaintingNetworkIsTheThinPlateFill() {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.randomUniform(0, 1, new Shape(1, 1, 16, 16));
            NDArray mask = manager.randomUniform(0, 1, new Shape(1, 1, 16, 16)).gt(0.6f).toType(
                    ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray keep = mask.neg().add(1f);
            NDArray out = run(Networks.create(new InpaintingSpec(1, 2, 8), manager), manager, image.concat(mask, 1));
            assertEquals(0, out.sub(Layers.thinPlateFill(image.mul(keep), keep)).abs().max().getFloat(), 1e-5);
            NDArray older = run(Networks.create(new InpaintingSpec(1, 2, 8, InpaintingSpec.SMOOTH), manager),
                    manager, image.concat(mask, 1));
            assertEquals(0, older.sub(Layers.smoothFill(image.mul(keep), keep)).abs().max().getFloat(), 1e-5,
                    "models of the smooth fill keep it");
        }
    }

    @Test
    void parameterCountsFollowTheArchitecture() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // conv(k, in, out) has k*k*in*out weights and out biases.
            long denoiser = conv(3, 1, 8) + conv(3, 8, 8) + conv(3, 8, 1);
            assertEquals(denoiser, Networks.parameterCount(Networks.create(new ResidualDenoiserSpec(1, 8, 3),
                    manager)));
            long unet = 2 * conv(3, 4, 4) - conv(3, 4, 4) + conv(3, 1, 4) // encoder 0: 1->4, 4->4
                    + conv(3, 4, 8) + conv(3, 8, 8) // bottleneck
                    + conv(3, 8, 4) // up-convolution
                    + conv(3, 8, 4) + conv(3, 4, 4) // decoder on concatenated skip
                    + conv(1, 4, 1); // head
            assertEquals(unet, Networks.parameterCount(Networks.create(new UNetSpec(1, 1, 1, 4, true, false, false),
                    manager)));
            // Spectral norm adds one u vector per convolution; first layer 64, then 128, 256, 512, output 1.
            long patch = conv(4, 2, 64) + conv(4, 64, 128) + conv(4, 128, 256) + conv(4, 256, 512) + conv(4, 512, 1)
                    + 64 + 128 + 256 + 512 + 1;
            assertEquals(patch, Networks.parameterCount(Networks.create(PatchDiscriminatorSpec.classic(2),
                    manager)));
        }
    }

    private static long conv(int k, int in, int out) {
        return (long) k * k * in * out + out;
    }

    @Test
    void patchDiscriminatorJudges70PixelPatches() {
        PatchDiscriminatorSpec spec = PatchDiscriminatorSpec.classic(1);
        assertEquals(70, spec.patchSize());
        try (NDManager manager = NDManager.newBaseManager()) {
            Block d = Networks.create(new PatchDiscriminatorSpec(1, 8, 3, DiscriminatorNorm.INSTANCE), manager);
            NDArray scores = run(d, manager, manager.randomUniform(0, 1, new Shape(1, 1, 128, 128)));
            assertEquals(new Shape(1, 1, 14, 14), scores.getShape(), "pix2pix: 128 px input gives 14x14 patches");
        }
    }

    @Test
    void aVolumetricUNetSeesEverySliceOfItsWindowAndNothingElse() {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        UNet3dSpec spec = new UNet3dSpec(2, 2, 4, true);
        assertEquals(5, spec.inputChannels());
        assertEquals(List.of(1, 2, 0, 3, 4), Arrays.stream(UNet3dSpec.channelsInZOrder(2)).boxed().toList(),
                "lowest slice first: the window's channels are the restored slice, then -2, -1, +1, +2");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = Networks.create(spec, manager);
            NDArray base = manager.randomUniform(0, 1, new Shape(1, 5, 16, 16));
            NDArray out = run(g, manager, base);
            for (int c = 0; c < 5; c++) {
                NDArray poked = base.duplicate();
                poked.set(new NDIndex("0, {}, 8, 8", c), 5f);
                float change = run(g, manager, poked).sub(out).abs().max().getFloat();
                assertTrue(change > 0, "slice channel " + c + " must influence the restored slice");
            }
            NDArray doubled = run(g, manager, manager.randomUniform(0, 1, new Shape(3, 5, 32, 16)));
            assertEquals(new Shape(3, 1, 32, 16), doubled.getShape());
        }
    }

    @Test
    void theVolumetricPatchGanJudgesTheRestoredSliceInTheVolumeOfItsWindow() {
        Engine.getEngine("PyTorch").setRandomSeed(8);
        assertThrows(IllegalArgumentException.class, () -> new PatchDiscriminatorSpec(5, 8, 3,
                DiscriminatorNorm.SPECTRAL, 5), "a window of 5 and the restored slice are 6 channels");
        assertThrows(IllegalArgumentException.class, () -> new PatchDiscriminatorSpec(7, 8, 3,
                DiscriminatorNorm.INSTANCE, 6));
        PatchDiscriminatorSpec spec = new PatchDiscriminatorSpec(6, 8, 3, DiscriminatorNorm.SPECTRAL, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block d = Networks.create(spec, manager);
            NDArray pair = manager.randomUniform(0, 1, new Shape(2, 6, 64, 64));
            NDArray scores = run(d, manager, pair);
            assertEquals(new Shape(2, 1, 5, 6, 6), scores.getShape(), "a score per slice and 3D patch");
            // 0: the window's own middle slice (in the window's volume), 1: a neighbour, 5: the judged slice.
            for (int c : new int[] { 0, 1, 5 }) {
                NDArray changed = pair.duplicate();
                changed.set(new NDIndex("0, {}, 30:34, 30:34", c), 3f);
                NDArray difference = run(d, manager, changed).sub(scores).abs();
                assertTrue(difference.max().getFloat() > 0, "channel " + c + " must count");
                assertEquals(0f, difference.get(new NDIndex("1")).max().getFloat(), "the other pair is unchanged");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void noOutputPixelReactsBeyondTheReceptiveField(NetworkSpec spec) {
        Engine.getEngine("PyTorch").setRandomSeed(5);
        int r = spec.receptiveFieldRadius();
        int side = Math.max(2 * r + 3 + 2 * spec.divisor(), 16);
        side = (side + spec.divisor() - 1) / spec.divisor() * spec.divisor();
        int centre = side / 2;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = Networks.create(spec, manager);
            NDArray base = manager.randomUniform(0, 1, new Shape(1, spec.inputChannels(), side, side));
            NDArray poked = base.duplicate();
            poked.set(new NDIndex("0, 0, {}, {}", centre, centre), 5f);
            NDArray change = run(g, manager, poked).sub(run(g, manager, base)).abs().sum(new int[] { 0, 1 });
            int s = spec.scale();
            // Small initial weights make the response small; judge "changed" relative to the largest change.
            float threshold = change.max().getFloat() * 1e-5f;
            assertTrue(threshold > 0, "the poked pixel must change something");
            boolean nearChanged = false;
            boolean farChanged = false;
            for (int y = 0; y < side * s; y++) {
                for (int x = 0; x < side * s; x++) {
                    double dx = Math.abs(x / (double) s - centre) - 1;
                    double dy = Math.abs(y / (double) s - centre) - 1;
                    boolean changed = change.getFloat(y, x) > threshold;
                    if (Math.max(dx, dy) > r && !spec.usesWholeInputStatistics()) {
                        assertFalse(changed, spec + ": output (" + x + "," + y + ") reacts beyond radius " + r);
                    } else if (Math.max(dx, dy) > r) {
                        farChanged |= changed;
                    } else {
                        nearChanged |= changed;
                    }
                }
            }
            assertTrue(nearChanged, "the poked pixel must change something");
            if (spec.usesWholeInputStatistics()) {
                // Instance norm spreads a change over the whole image, the thin-plate fill's conjugate gradients
                // over the holes they reach: either way past the convolutions' radius.
                assertTrue(farChanged, spec + ": a network of whole-input statistics reaches beyond radius " + r);
            }
        }
    }

    @Test
    void invalidSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ResidualSrSpec(1, 8, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new UNetSpec(1, 3, 2, 8, true, false, false));
        assertThrows(IllegalArgumentException.class, () -> new UNetSpec(1, 1, 0, 8, true, false, false));
    }

    @Test
    void sizesNoMachineCouldHoldAreRejectedBeforeAnythingIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UNetSpec(1, 1, 3,
                100_000, true, false, false));
        assertTrue(e.getMessage().contains("features must be 1 to 512, got 100000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ResidualSrSpec(1, 100_000, 8, 2));
        assertThrows(IllegalArgumentException.class, () -> new ResidualSrSpec(1, 32, 100_000, 2));
        assertThrows(IllegalArgumentException.class, () -> new ResidualDenoiserSpec(1, 100_000, 17));
        assertThrows(IllegalArgumentException.class, () -> new ResidualDenoiserSpec(1, 32, 100_000));
        assertThrows(IllegalArgumentException.class, () -> new InpaintingSpec(1, 3, 100_000));
        assertThrows(IllegalArgumentException.class, () -> new InpaintingSpec(1, 9, 16));
        assertThrows(IllegalArgumentException.class, () -> new PatchDiscriminatorSpec(2, 100_000, 3,
                DiscriminatorNorm.SPECTRAL));
    }

    @Test
    void inpaintingChangesOnlyMaskedPixels() {
        Engine.getEngine("PyTorch").setRandomSeed(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = Networks.create(new InpaintingSpec(1, 2, 4), manager);
            NDArray image = manager.randomUniform(0, 1, new Shape(1, 1, 16, 16));
            NDArray mask = manager.zeros(new Shape(1, 1, 16, 16));
            mask.set(new NDIndex("0, 0, 4:8, 5:11"), 1f);
            NDArray out = run(g, manager, image.concat(mask, 1));
            NDArray keep = mask.neg().add(1f);
            assertEquals(0f, out.sub(image).mul(keep).abs().max().getFloat(), 0f);
            assertTrue(out.sub(image).mul(mask).abs().max().getFloat() > 0);
        }
    }
}
