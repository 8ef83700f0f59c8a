package io.github.imagejgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.UNetSpec;

class NpzWeightsTest {

    private static List<float[]> values(Block block) {
        List<float[]> all = new ArrayList<>();
        block.getParameters().forEach(p -> all.add(p.getValue().getArray().toFloatArray()));
        return all;
    }

    @Test
    void weightsWrittenFromOneNetworkAreReadIntoAnotherExactly() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetSpec spec = new UNetSpec(1, 1, 2, 4, true, false, false);
            Engine.getEngine("PyTorch").setRandomSeed(3);
            Block trained = Networks.create(spec, manager);
            Engine.getEngine("PyTorch").setRandomSeed(4);
            Block fresh = Networks.create(spec, manager);
            assertNotEquals(values(trained).get(0)[0], values(fresh).get(0)[0], "two seeds, two networks");

            NpzWeights.read(fresh, NpzWeights.write(trained));

            List<float[]> expected = values(trained);
            List<float[]> actual = values(fresh);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), 0f, "parameter " + i);
            }
        }
    }

    @Test
    void weightsOfAnotherNetworkChangeNothing() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(3);
            Block wider = Networks.create(new UNetSpec(1, 1, 2, 6, true, false, false), manager);
            Block narrow = Networks.create(new UNetSpec(1, 1, 2, 4, true, false, false), manager);

            assertRefusedUnchanged(narrow, NpzWeights.write(wider), "of shape");
        }
    }

    @Test
    void weightsOfADivergedRunChangeNothing() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(3);
            UNetSpec spec = new UNetSpec(1, 1, 2, 4, true, false, false);
            Block diverged = Networks.create(spec, manager);
            Block network = Networks.create(spec, manager);
            var last = diverged.getParameters().valueAt(diverged.getParameters().size() - 1).getArray();
            float[] values = last.toFloatArray();
            values[0] = Float.NaN;
            last.set(FloatBuffer.wrap(values));

            assertRefusedUnchanged(network, NpzWeights.write(diverged), "diverged");
        }
    }

    /** Reading {@code npz} into {@code network} fails with a message naming {@code why}, and no weight changes. */
    private static void assertRefusedUnchanged(Block network, byte[] npz, String why) {
        List<float[]> before = values(network);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzWeights.read(network, npz));

        assertTrue(e.getMessage().contains(why), e.getMessage());
        List<float[]> after = values(network);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), 0f, "parameter " + i + " untouched");
        }
    }
}
