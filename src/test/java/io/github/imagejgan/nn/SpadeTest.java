package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

class SpadeTest {

    private static final SpadeSpec SEMANTIC = new SpadeSpec(3, false, 1, 4, 2);

    private static NDArray run(Block block, NDManager manager, NDArray x, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }

    /** Labels: class 1 in a square, class 2 in a stripe, 0 elsewhere; and a noise plane of the given seed. */
    private static NDArray input(NDManager manager, int side, long noiseSeed) {
        NDArray labels = manager.zeros(new Shape(1, 1, side, side));
        labels.set(new NDIndex("0, 0, 4:12, 4:12"), 1f);
        labels.set(new NDIndex("0, 0, 20:24, :"), 2f);
        Engine.getEngine("PyTorch").setRandomSeed((int) noiseSeed);
        return labels.concat(manager.randomNormal(new Shape(1, 1, side, side)), 1);
    }

    @Test
    void generatorMakesAnImageOfTheLabelsSizeAndBlocksChangeChannels() {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = Networks.create(SEMANTIC, manager);
            NDArray x = input(manager, 32, 7).concat(input(manager, 32, 8), 0);
            assertEquals(new Shape(2, 1, 32, 32), run(g, manager, x, true).getShape());
            assertEquals(new Shape(2, 1, 32, 32), run(g, manager, x, false).getShape());
            SpadeResBlock block = new SpadeResBlock(8, 4, 6);
            Shape[] in = { new Shape(2, 8, 8, 8), new Shape(2, 3, 8, 8), new Shape(2, 1, 8, 8) };
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, in);
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(in[0]),
                    manager.ones(in[1]), manager.randomNormal(in[2])), false).singletonOrThrow();
            assertEquals(new Shape(2, 4, 8, 8), out.getShape());
            assertTrue(block.getChildren().keys().stream().anyMatch(k -> k.endsWith("convShortcut")),
                    "8 -> 4 channels: learned shortcut");
            assertEquals(new Shape(4), block.getParameters().get("noiseWeight").getShape());
        }
    }

    @Test
    void changedLabelsChangeTheOutputWhereTheyChangedAndNoiseChangesItEverywhere() {
        Engine.getEngine("PyTorch").setRandomSeed(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = Networks.create(SEMANTIC, manager);
            NDArray x = input(manager, 32, 3);
            NDArray base = run(g, manager, x, false);
            NDArray relabelled = x.duplicate();
            relabelled.set(new NDIndex("0, 0, 4:12, 4:12"), 2f);
            NDArray change = run(g, manager, relabelled, false).sub(base).abs().get(new NDIndex("0, 0"));
            int r = SEMANTIC.receptiveFieldRadius();
            assertTrue(change.get(new NDIndex("4:12, 4:12")).min().getFloat() > 0, "every relabelled pixel changes");
            // Rows far below the square (and the stripe's own rows, 20..23) lie beyond the reach of the change.
            if (12 + r < 32) {
                assertEquals(0f, change.get(new NDIndex("{}:, :", 12 + r)).max().getFloat(), 0f);
            }
            NDArray otherNoise = input(manager, 32, 4);
            NDArray noiseChange = run(g, manager, otherNoise, false).sub(base).abs();
            assertTrue(noiseChange.mean().getFloat() > 1e-3f * base.abs().mean().getFloat(),
                    "other noise, other image");
            assertEquals(0f, run(g, manager, input(manager, 32, 3), false).sub(base).abs().max().getFloat(), 0f,
                    "the same labels and noise give the same image");
        }
    }

    @Test
    void labelMapsAreOneHotClassesOrForegroundWithInstanceBoundaries() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(new float[] { 0, 1, 2, 7 }, new Shape(1, 1, 1, 4));
            NDArray semantic = LabelMaps.encode(SEMANTIC, ids);
            assertArrayEquals(new float[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0 }, semantic.toFloatArray(),
                    "ids outside the classes have none");
            // Two touching objects (ids 1 and 2) on a background row.
            NDArray instances = manager.create(new float[] { 1, 1, 2, 2, 0, 0, 0, 0 }, new Shape(1, 1, 2, 4));
            NDArray map = LabelMaps.encode(new SpadeSpec(2, true, 1, 4, 1), instances);
            assertEquals(new Shape(1, 3, 2, 4), map.getShape());
            assertArrayEquals(new float[] { 0, 0, 0, 0, 1, 1, 1, 1 }, map.get(new NDIndex("0, 0")).toFloatArray());
            assertArrayEquals(new float[] { 1, 1, 1, 1, 0, 0, 0, 0 }, map.get(new NDIndex("0, 1")).toFloatArray());
            assertArrayEquals(new float[] { 1, 1, 1, 1, 1, 1, 1, 1 }, map.get(new NDIndex("0, 2")).toFloatArray(),
                    "every pixel touches another id here");
            NDArray apart = manager.create(new float[] { 3, 3, 3, 3, 3, 3, 3, 3 }, new Shape(1, 1, 2, 4));
            assertEquals(0f, LabelMaps.boundaries(apart).sum().getFloat(), 0f, "the image edge is no boundary");
            NDArray boundary = LabelMaps.boundaries(instances).get(new NDIndex("0, 0, 0"));
            assertArrayEquals(new float[] { 1, 1, 1, 1 }, boundary.toFloatArray());
        }
    }

    @Test
    void trainingUpdatesTheRunningStatisticsThatPredictionUses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchStatisticsNorm norm = new BatchStatisticsNorm();
            Shape shape = new Shape(2, 1, 4, 4);
            norm.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, shape);
            NDArray x = manager.full(shape, 5f);
            x.set(new NDIndex("0"), 3f);
            NDArray trained = run(norm, manager, x, true);
            assertEquals(0f, trained.mean().getFloat(), 1e-5f, "batch statistics: zero mean");
            assertEquals(1f, trained.square().mean().getFloat(), 1e-3f, "and unit variance");
            // Running averages start at mean 0 and variance 1 and move a tenth of the way to the batch's 4 and 1.
            NDArray predicted = run(norm, manager, manager.full(new Shape(1, 1, 1, 1), 4f), false);
            assertEquals((4f - 0.4f) / (float) Math.sqrt(1f + 1e-5f), predicted.getFloat(0, 0, 0, 0), 1e-4f);
        }
    }

    @Test
    void multiScaleDiscriminatorJudgesTheImageAndAHalvedCopyAndReturnsItsFeatures() {
        Engine.getEngine("PyTorch").setRandomSeed(4);
        MultiScaleDiscriminatorSpec spec = new MultiScaleDiscriminatorSpec(new PatchDiscriminatorSpec(4, 4, 2,
                DiscriminatorNorm.SPECTRAL), 2);
        assertEquals(8, spec.divisor());
        assertTrue(spec.receptiveFieldRadius() > spec.patch().receptiveFieldRadius(), "the halved copy sees farther");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block d = Networks.create(spec, manager);
            NDList out = d.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1,
                    new Shape(2, 4, 64, 64))), true);
            assertEquals(2 * spec.outputsPerScale(), out.size());
            List<NDArray> scores = MultiScaleDiscriminator.scores(spec, out);
            assertEquals(new Shape(2, 1, 14, 14), scores.get(0).getShape());
            assertEquals(new Shape(2, 1, 6, 6), scores.get(1).getShape());
            List<NDArray> features = MultiScaleDiscriminator.features(spec, out);
            assertEquals(2 * (spec.patch().layers() + 1), features.size());
            assertEquals(new Shape(2, 4, 32, 32), features.get(0).getShape());
            assertEquals(new Shape(2, 4, 16, 16), features.get(3).getShape());
            Shape[] declared = d.getOutputShapes(new Shape[] { new Shape(2, 4, 64, 64) });
            for (int i = 0; i < out.size(); i++) {
                assertEquals(declared[i], out.get(i).getShape());
            }
        }
    }

    @Test
    void featureMatchingAveragesTheMeanAbsoluteDifferenceOfEveryLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray real1 = manager.ones(new Shape(1, 2, 2, 2));
            NDArray fake1 = manager.zeros(new Shape(1, 2, 2, 2));
            NDArray real2 = manager.create(new float[] { 1, 2, 3, 4 }, new Shape(1, 1, 2, 2));
            NDArray fake2 = manager.create(new float[] { 1, 2, 3, 8 }, new Shape(1, 1, 2, 2));
            // Layer 1: |0 - 1| everywhere = 1; layer 2: one of four values off by 4 = 1; mean 1. Then 0.5 and 2.
            assertEquals(1f, MultiScaleDiscriminator.featureMatching(List.of(real1, real2), List.of(fake1, fake2))
                    .getFloat(), 1e-6f);
            NDArray half = manager.full(new Shape(1, 2, 2, 2), 0.5f);
            assertEquals(1.25f, MultiScaleDiscriminator.featureMatching(List.of(real1, real2), List.of(half,
                    manager.create(new float[] { 9, 2, 3, 4 }, new Shape(1, 1, 2, 2)))).getFloat(), 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> MultiScaleDiscriminator.featureMatching(List.of(real1),
                    List.of()));
        }
    }

    @Test
    void invalidSpadeSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SpadeSpec(1, false, 1, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> new SpadeSpec(3, true, 1, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> new SpadeSpec(3, false, 1, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new SpadeSpec(3, false, 1, 100_000, 2));
        assertEquals(4, SEMANTIC.divisor());
        assertEquals(3, new SpadeSpec(2, true, 1, 4, 1).mapChannels());
    }
}
