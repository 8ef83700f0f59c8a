package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

class NarrowConvolutionsTest {

    private static final Shape STRIDE = new Shape(1, 1);
    private static final Shape PADDING = new Shape(1, 1);

    @Test
    void trainingGradientsOfNarrowOutputLayersMatchFloat64() {
        // 2-D (32 to 3 channels, 3x3) and 3-D (16 to 1 channel, 3x3x3): the engine's own float32 backward pass gave
        // input gradients summing to 1.77 instead of 1.40 for the first on an AVX-512 CPU.
        checkAgainstFloat64(new Shape(2, 32, 24, 24), new Shape(3, 32, 3, 3), STRIDE, PADDING);
        checkAgainstFloat64(new Shape(2, 16, 6, 20, 20), new Shape(1, 16, 3, 3, 3), new Shape(1, 1, 1),
                new Shape(1, 1, 1));
    }

    private static void checkAgainstFloat64(Shape input, Shape weight, Shape ones, Shape padding) {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            NDArray x = m.randomUniform(0, 1, input);
            NDArray w = m.randomNormal(0, 0.1f, weight, DataType.FLOAT32);
            NDArray b = m.randomNormal(0, 0.1f, new Shape(weight.get(0)), DataType.FLOAT32);
            List<float[]> expected = outputAndGradients(x, w, b, ones, padding, DataType.FLOAT64);
            List<float[]> actual = outputAndGradients(x, w, b, ones, padding, DataType.FLOAT32);
            String[] what = { "output", "input gradient", "weight gradient", "bias gradient" };
            for (int i = 0; i < what.length; i++) {
                float largest = 0;
                for (float v : expected.get(i)) {
                    largest = Math.max(largest, Math.abs(v));
                }
                assertArrayEquals(expected.get(i), actual.get(i), 1e-4f * largest, what[i] + " of " + weight);
            }
        }
    }

    @Test
    void theInputGradientOfAOneChannelOutputLayerStaysFiniteCallAfterCall() {
        // The engine's unpadded kernel returned NaN in about 1 % of such calls on AVX-512 CPUs (in the first call of
        // a fresh process, when it failed here); the float64 comparison is the test that always catches it.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.randomNormal(0, 0.05f, new Shape(1, 32, 3, 3), DataType.FLOAT32);
            for (int call = 0; call < 20; call++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.randomUniform(0, 1, new Shape(8, 32, 96, 96));
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(NarrowConvolutions.convolution(x, w, null, STRIDE, PADDING, STRIDE, 1, true)
                                .abs().mean());
                    }
                    for (float g : x.getGradient().toFloatArray()) {
                        assertTrue(Float.isFinite(g), "input gradient in call " + call + ": " + g);
                    }
                }
            }
        }
    }

    @Test
    void convolutionsOfManyInputChannelsNotAMultipleOf16IgnoreWhatFreedMemoryHeld() {
        // The engine's own kernel gave NaN for each of these after NaN-filled arrays were freed (CPU, oneDNN); as
        // U-Nets of 12, 14 or 24 features have them, such a training diverged at its first step.
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(5);
            for (int inputs : new int[] { 24, 28, 42 }) {
                for (boolean training : new boolean[] { false, true }) {
                    leaveNaNInFreedMemory(m);
                    try (NDManager s = m.newSubManager()) {
                        NDArray x = s.randomUniform(0, 1, new Shape(2, inputs, 32, 32));
                        NDArray w = s.randomNormal(0, 0.1f, new Shape(14, inputs, 3, 3), DataType.FLOAT32);
                        NDArray out = NarrowConvolutions.convolution(x, w, null, STRIDE, PADDING, STRIDE, 1, training);
                        assertEquals(new Shape(2, 14, 32, 32), out.getShape());
                        assertFalse(out.isNaN().any().getBoolean(), inputs + " input channels, training " + training);
                    }
                }
            }
        }
        // The padding changes nothing but that: output and gradients as float64 computes them.
        checkAgainstFloat64(new Shape(2, 24, 16, 16), new Shape(14, 24, 3, 3), STRIDE, PADDING);
    }

    /** Fills arrays with NaN and frees them, so that the engine's next allocations may reuse that memory. */
    private static void leaveNaNInFreedMemory(NDManager m) {
        for (int round = 0; round < 30; round++) {
            try (NDManager junk = m.newSubManager()) {
                for (int i = 0; i < 20; i++) {
                    junk.full(new Shape(1L << (8 + i % 12)), Float.NaN).add(1);
                }
            }
        }
    }

    @Test
    void aNetworkBuiltFromThemKeepsDjlsParameterNames() {
        SequentialBlock net = new SequentialBlock().add(Layers.conv(16, 3, 1, 1)).add(Layers.conv(1, 3, 1, 1));
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            String names = net.getParameters().keys().stream().collect(Collectors.joining(" "));
            assertEquals("01Conv2d_weight 01Conv2d_bias 02Conv2d_weight 02Conv2d_bias", names);
            NDList out = net.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(1, 1, 8, 8))), true);
            assertEquals(new Shape(1, 1, 8, 8), out.singletonOrThrow().getShape());
        }
    }

    private static List<float[]> outputAndGradients(NDArray x0, NDArray w0, NDArray b0, Shape ones, Shape padding,
            DataType type) {
        try (NDManager m = x0.getManager().newSubManager()) {
            List<NDArray> arrays = new java.util.ArrayList<>();
            for (NDArray a : List.of(x0, w0, b0)) {
                NDArray copy = a.toType(type, true);
                copy.attach(m);
                copy.setRequiresGradient(true);
                arrays.add(copy);
            }
            NDArray out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                out = NarrowConvolutions.convolution(arrays.get(0), arrays.get(1), arrays.get(2), ones, padding, ones,
                        1, true);
                collector.backward(out.square().mean());
            }
            List<float[]> values = new java.util.ArrayList<>();
            values.add(out.toType(DataType.FLOAT32, false).toFloatArray());
            for (NDArray a : arrays) {
                values.add(a.getGradient().toType(DataType.FLOAT32, false).toFloatArray());
            }
            return values;
        }
    }
}
