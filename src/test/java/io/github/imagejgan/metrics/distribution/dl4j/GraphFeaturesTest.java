package io.github.imagejgan.metrics.distribution.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.Xception;
import org.junit.jupiter.api.Test;

import io.github.imagejgan.metrics.distribution.FeatureExtractor;

class GraphFeaturesTest {

    static final int SIZE = TestFeatureNetworks.SIZE;
    static GraphFeatures network;

    @BeforeAll
    static void build() {
        network = new GraphFeatures(TestFeatureNetworks.xception(7), SIZE, "Xception seed 7");
    }

    @AfterAll
    static void free() {
        network.close();
    }

    @Test
    void givesPooledFeaturesAndClassProbabilitiesPerImage() {
        FeatureExtractor.Output out = network.run(images(3, 1), 3);
        assertEquals("avg_pool", network.featureLayer());
        assertTrue(network.hasClassifier());
        assertEquals(3, out.features().length);
        assertEquals(2048, out.features()[0].length, "Xception's pooled features");
        assertEquals(3, out.probabilities().length);
        assertEquals(1000, out.probabilities()[0].length);
        for (double[] p : out.probabilities()) {
            assertEquals(1, Arrays.stream(p).sum(), 1e-4);
        }
        for (double[] f : out.features()) {
            assertTrue(Arrays.stream(f).allMatch(Double::isFinite));
            assertTrue(Arrays.stream(f).allMatch(v -> v >= 0), "averages of ReLU activations");
        }
        assertTrue(Arrays.stream(out.features()[0]).distinct().count() > 100, "not a constant vector");
    }

    @Test
    void theSameSeedGivesTheSameFeaturesAndAnotherSeedOthers() {
        float[] images = images(2, 2);
        double[][] first = network.run(images, 2).features();
        try (GraphFeatures again = new GraphFeatures(TestFeatureNetworks.xception(7), SIZE, "again");
                GraphFeatures other = new GraphFeatures(TestFeatureNetworks.xception(8), SIZE, "other")) {
            double[][] second = again.run(images, 2).features();
            double[][] third = other.run(images, 2).features();
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(first[i], second[i], 1e-6);
                double difference = 0;
                for (int k = 0; k < first[i].length; k++) {
                    difference = Math.max(difference, Math.abs(first[i][k] - third[i][k]));
                }
                assertTrue(difference > 1e-3, "other weights, other features: " + difference);
            }
        }
    }

    @Test
    void theFeaturesFollowTheInput() {
        // Random pixels against a smooth ramp: a network whose features do not change with its input (as the zoo's
        // configuration with its 80 sigmoids gives, up to float rounding) would make every distance zero.
        float[] two = images(2, 4);
        int length = 3 * SIZE * SIZE;
        for (int i = 0; i < length; i++) {
            two[length + i] = (i % SIZE) / (float) SIZE;
        }
        double[][] features = network.run(two, 2).features();
        double size = 0;
        double change = 0;
        for (int k = 0; k < features[0].length; k++) {
            size += Math.abs(features[0][k]);
            change += Math.abs(features[0][k] - features[1][k]);
        }
        assertTrue(change > 0.05 * size, "features change by " + change / size + " of their size");
    }

    @Test
    void theZoosOwnConfigurationIsRecognisedAsSquashing() {
        assertEquals(0, network.squashingConvolutions());
        ComputationGraph graph = Xception.builder().seed(7).numClasses(1000).inputShape(new int[] { 3, SIZE, SIZE })
                .build().init();
        long convolutionsAndNormalisations = Arrays.stream(graph.getLayers()).map(l -> l.conf().getLayer())
                .filter(l -> l instanceof ConvolutionLayer || l instanceof BatchNormalization).count();
        try (GraphFeatures zoo = new GraphFeatures(graph, SIZE, "zoo configuration")) {
            assertTrue(convolutionsAndNormalisations > 70);
            assertEquals(convolutionsAndNormalisations, zoo.squashingConvolutions(), "every one of them");
        }
    }

    @Test
    void anImagesFeaturesDoNotDependOnItsBatch() {
        float[] three = images(3, 3);
        double[][] together = network.run(three, 3).features();
        int length = 3 * SIZE * SIZE;
        double[][] alone = network.run(Arrays.copyOfRange(three, length, 2 * length), 1).features();
        assertArrayEquals(together[1], alone[0], 1e-5);
    }

    /** Random images in [0, 1], CHW one after another. */
    static float[] images(int count, long seed) {
        Random random = new Random(seed);
        float[] images = new float[count * 3 * SIZE * SIZE];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        return images;
    }
}
