package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

class ResidualDenoiserTest {

    @Test
    void outputShapeMatchesInputAndReceptiveFieldIsAsStated() {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        int depth = 4;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = ResidualDenoiser.build(2, 8, depth);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 32, 32));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray zeros = manager.zeros(new Shape(1, 2, 33, 33));
            NDArray impulse = zeros.duplicate();
            impulse.set(new NDIndex("0, 0, 16, 16"), 1f);
            NDArray a = net.forward(store, new NDList(zeros), false).singletonOrThrow();
            NDArray b = net.forward(store, new NDList(impulse), false).singletonOrThrow();
            assertEquals(new Shape(1, 2, 33, 33), b.getShape());
            // Pixels the impulse can reach: exactly those within the receptive-field radius.
            NDArray changed = b.sub(a).abs().sum(new int[] { 0, 1 }).gt(1e-7f);
            int r = ResidualDenoiser.receptiveFieldRadius(depth);
            for (int y = 0; y < 33; y++) {
                for (int x = 0; x < 33; x++) {
                    boolean inside = Math.abs(x - 16) <= r && Math.abs(y - 16) <= r;
                    boolean isChanged = changed.getBoolean(y, x);
                    if (!inside) {
                        assertTrue(!isChanged, "pixel (" + x + "," + y + ") beyond the receptive field changed");
                    }
                }
            }
            assertTrue(changed.getBoolean(16, 16 + r), "the receptive field reaches radius " + r);
        }
    }
}
