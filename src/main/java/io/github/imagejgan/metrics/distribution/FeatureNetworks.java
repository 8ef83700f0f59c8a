package io.github.imagejgan.metrics.distribution;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Consumer;

import io.github.imagejgan.task.TaskMonitor;

/**
 * The entry to the feature networks, which need the optional Deeplearning4j jars. Their classes are reached by name
 * only, here, so that Fiji loads none of them (and needs none of them) until a distribution metric runs; without the
 * jars the user gets a message saying what to install instead of a {@link NoClassDefFoundError}.
 */
public final class FeatureNetworks {

    /** Xception's own input size, as it was trained on ImageNet. */
    public static final int DEFAULT_INPUT_SIZE = 299;

    static final String LOADER = "io.github.imagejgan.metrics.distribution.dl4j.Dl4jFeatureNetworks";
    /** One class from each of the optional libraries the loader needs. */
    static final String[] REQUIRED = { "org.deeplearning4j.zoo.model.Xception",
        "org.deeplearning4j.nn.graph.ComputationGraph", "org.nd4j.linalg.factory.Nd4j",
        "org.nd4j.linalg.cpu.nativecpu.CpuBackend", "org.bytedeco.javacpp.Loader" };

    static final String INSTALL = "FID, KID and the Inception score need the optional Deeplearning4j jars "
            + "(deeplearning4j-zoo and nd4j-native 1.0.0-M2.1 with their dependencies, about 130 MB for one platform): "
            + "see \"Distribution metrics\" in the imagej-gan README for the list, and put them in Fiji.app/jars/ (or "
            + "lib/ beside the command-line jar).";

    private FeatureNetworks() {
    }

    /** Opens the feature network, with the libraries found by this class's class loader. */
    public static FeatureExtractor open(NetworkWeights weights, int inputSize, TaskMonitor monitor,
            Consumer<String> log) throws IOException {
        return loader(FeatureNetworks.class.getClassLoader()).open(weights, inputSize, monitor, log);
    }

    /** The loader from the optional package, as {@code classes} sees it. */
    static FeatureNetworkLoader loader(ClassLoader classes) {
        for (String name : REQUIRED) {
            try {
                Class.forName(name, false, classes);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new MissingLibrariesException(INSTALL + " Missing: " + name + ".");
            }
        }
        try {
            return (FeatureNetworkLoader) Class.forName(LOADER, true, classes).getConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException | LinkageError e) {
            throw new MissingLibrariesException(INSTALL + " (" + e + ")");
        }
    }
}
