package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

/** Adam with spike clipping: spikes are scaled to a multiple of the running gradient norm, state round-trips. */
class AdamOptimizerTest {

    private static final float RATE = 1e-2f;

    /** One parameter of four weights whose gradient is set to exactly {@code g} by {@link #step}. */
    private static final class Toy implements AutoCloseable {
        final NDManager manager = NDManager.newBaseManager();
        final Parameter weight = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        final AdamOptimizer adam;

        Toy() {
            weight.setArray(manager.create(new float[] {1, 2, 3, 4}));
            weight.getArray().setRequiresGradient(true);
            adam = new AdamOptimizer(manager, Map.of("w", weight), 0.9f, 0.999f);
        }

        void step(float... g) {
            try (NDManager step = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = weight.getArray().mul(step.create(g)).sum();
                collector.backward(loss);
                adam.update(RATE, step);
            }
        }

        float[] weights() {
            return weight.getArray().toFloatArray();
        }

        byte[] state() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                adam.save(out);
            }
            return bytes.toByteArray();
        }

        void load(byte[] state) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
                adam.load(in);
            }
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** A gradient of norm {@code norm} along (1, -1, 1, -1)/2. */
    private static float[] along(float norm) {
        return new float[] {norm / 2, -norm / 2, norm / 2, -norm / 2};
    }

    @Test
    void aSpikeIsScaledDownToThreeTimesTheRunningNorm() {
        try (Toy spiked = new Toy(); Toy reference = new Toy()) {
            for (int i = 0; i < 150; i++) {
                spiked.step(along(1));
                reference.step(along(1));
            }
            assertEquals(0, spiked.adam.clippedUpdates(), "steady gradients are never clipped");
            spiked.step(along(1000));
            reference.step(along((float) AdamOptimizer.SPIKE_FACTOR));
            assertEquals(1, spiked.adam.clippedUpdates());
            float[] a = spiked.weights();
            float[] b = reference.weights();
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-6, "weight " + i + ": " + Arrays.toString(a) + " vs " + Arrays.toString(b));
            }
        }
    }

    @Test
    void earlyLargeGradientsAreNotClipped() {
        try (Toy toy = new Toy()) {
            toy.step(along(1000));
            for (int i = 0; i < 50; i++) {
                toy.step(along(1));
            }
            assertEquals(0, toy.adam.clippedUpdates(), "the running norm is learnt before it limits anything");
        }
    }

    @Test
    void aResumedOptimizerClipsExactlyAsTheUninterruptedOne() throws IOException {
        try (Toy whole = new Toy(); Toy resumed = new Toy()) {
            for (int i = 0; i < 120; i++) {
                whole.step(along(1 + i % 3));
            }
            byte[] state = whole.state();
            resumed.weight.getArray().set(whole.weights());
            resumed.load(state);
            for (float spike : new float[] {40, 2, 80}) {
                whole.step(along(spike));
                resumed.step(along(spike));
            }
            assertEquals(2, whole.adam.clippedUpdates());
            assertEquals(2, resumed.adam.clippedUpdates());
            assertArrayEquals(whole.weights(), resumed.weights());
        }
    }

    @Test
    void aStateWithoutTheNormAverageStillLoadsAndLearnsItAnew() throws IOException {
        try (Toy old = new Toy(); Toy loaded = new Toy()) {
            for (int i = 0; i < 120; i++) {
                old.step(along(1));
            }
            byte[] state = old.state();
            // A state written before spike clipping ended after the moments.
            loaded.load(Arrays.copyOf(state, state.length - Double.BYTES - Integer.BYTES));
            assertEquals(120, loaded.adam.updates());
            loaded.step(along(1000));
            assertEquals(0, loaded.adam.clippedUpdates(), "no average yet, so nothing to clip against");
        }
    }

    @Test
    void aDamagedNormAverageIsRefused() throws IOException {
        try (Toy toy = new Toy()) {
            toy.step(along(1));
            byte[] state = toy.state();
            byte[] damaged = state.clone();
            long nan = Double.doubleToLongBits(Double.NaN);
            int at = state.length - Double.BYTES - Integer.BYTES;
            for (int i = 0; i < Double.BYTES; i++) {
                damaged[at + i] = (byte) (nan >>> (56 - 8 * i));
            }
            IOException e = assertThrows(IOException.class, () -> toy.load(damaged));
            assertTrue(e.getMessage().contains("gradient-norm average"), e.getMessage());
        }
    }
}
