package io.github.imagejgan.metrics.distribution.dl4j;

import java.io.IOException;
import java.nio.file.Path;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.Xception;

/**
 * The zoo's Xception architecture with seeded random weights, at the smallest input it takes, for tests: this
 * machine has no internet, and the metrics are checked on their computations, not on ImageNet numbers.
 */
public final class TestFeatureNetworks {

    /** Xception's smallest input: 71 x 71 costs 1/18 of the 299 x 299 users run. */
    public static final int SIZE = Dl4jFeatureNetworks.SMALLEST_INPUT;

    private TestFeatureNetworks() {
    }

    /** Xception with 1000 output classes, as the ImageNet weights have, initialised from {@code seed}. */
    public static ComputationGraph xception(long seed) {
        return Xception.builder().seed(seed).numClasses(1000).inputShape(new int[] { 3, SIZE, SIZE }).build().init();
    }

    /** {@link #xception} saved as a Deeplearning4j network file (about 90 MB), the way users give their own. */
    public static Path xceptionFile(Path folder, long seed) throws IOException {
        Path file = folder.resolve("xception-seed" + seed + ".zip");
        ComputationGraph graph = xception(seed);
        try {
            ModelSerializer.writeModel(graph, file.toFile(), false);
        } finally {
            graph.close();
        }
        return file;
    }
}
