package io.github.imagejgan.metrics.distribution.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.github.imagejgan.metrics.distribution.FeatureExtractor;

/**
 * PyTorch (through DJL) and ND4J each bring native libraries, their own OpenMP runtimes among them: both must work
 * in one JVM, as in a Fiji that restores images and then scores them, in either order.
 */
class NativeLibrariesTogetherTest {

    @Test
    void pytorchAndNd4jRunInOneJvm() {
        float[] before = pytorchWork();
        double[][] features;
        try (GraphFeatures network = new GraphFeatures(TestFeatureNetworks.xception(3), TestFeatureNetworks.SIZE,
                "Xception seed 3")) {
            FeatureExtractor.Output first = network.run(GraphFeaturesTest.images(2, 4), 2);
            assertArrayEquals(before, pytorchWork(), "PyTorch after ND4J");
            features = network.run(GraphFeaturesTest.images(2, 4), 2).features();
            assertArrayEquals(first.features()[1], features[1], 1e-6, "ND4J after PyTorch");
        }
        assertEquals(2048, features[0].length);
    }

    /** A multi-threaded matrix product and a convolution in PyTorch, whose results are known. */
    private static float[] pytorchWork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals("PyTorch", manager.getEngine().getEngineName());
            NDArray ones = manager.ones(new Shape(256, 256));
            NDArray product = ones.matMul(ones);
            assertEquals(256f, product.getFloat(17, 3));
            NDArray image = manager.arange(0f, 64f).reshape(1, 1, 8, 8);
            NDArray kernel = manager.ones(new Shape(1, 1, 3, 3));
            // The sum over a 3 x 3 window of an arange image: at its top-left corner 0+1+2+8+9+10+16+17+18 = 81.
            NDArray conv = Conv2d.conv2d(image, kernel).singletonOrThrow();
            assertEquals(81f, conv.getFloat(0, 0, 0, 0));
            return conv.toFloatArray();
        }
    }
}
