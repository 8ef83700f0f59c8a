package io.github.imagejgan.metrics.distribution.dl4j;

import java.io.IOException;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.Xception;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * The zoo's Xception architecture with seeded random weights, at the smallest input it takes, for tests: this
 * machine has no internet, and the metrics are checked on their computations, not on ImageNet numbers.
 */
public final class TestFeatureNetworks {

    /** Xception's smallest input: 71 x 71 costs 1/18 of the 299 x 299 users run. */
    public static final int SIZE = Dl4jFeatureNetworks.SMALLEST_INPUT;

    private TestFeatureNetworks() {
    }

    /**
     * Xception with 1000 output classes, as the ImageNet weights have, initialised from {@code seed}. The zoo's
     * configuration leaves its convolutions and batch normalisations at Deeplearning4j's default activation, the
     * sigmoid, where Keras' Xception (whose weights the zoo converted) has none; 80 sigmoids in a row squash every
     * input to the same features, up to float rounding. So they are made linear here, as in Keras, and the test network
     * sees its input. (A network file, the zoo's ImageNet one included, brings its own configuration.)
     */
    public static ComputationGraph xception(long seed) {
        ComputationGraphConfiguration conf = Xception.builder().seed(seed).numClasses(1000)
                .inputShape(new int[] { 3, SIZE, SIZE }).build().init().getConfiguration();
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex
                    && GraphFeatures.isSquashingConvolution(layerVertex.getLayerConf().getLayer())) {
                ((BaseLayer) layerVertex.getLayerConf().getLayer()).setActivationFn(new ActivationIdentity());
            }
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
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
