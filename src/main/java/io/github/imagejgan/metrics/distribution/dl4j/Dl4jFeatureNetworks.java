package io.github.imagejgan.metrics.distribution.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import io.github.imagejgan.metrics.distribution.FeatureExtractor;
import io.github.imagejgan.metrics.distribution.FeatureNetworkLoader;
import io.github.imagejgan.metrics.distribution.NetworkWeights;
import io.github.imagejgan.metrics.distribution.WeightsUnavailableException;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * Opens the Deeplearning4j zoo's Xception with its ImageNet weights, or a network file, as a feature extractor.
 * Xception because it is the zoo's Inception-family network with ImageNet weights: the same 299 x 299 input and the
 * same kind of 2048 globally pooled features as the Inception-v3 of FID's reference code, and a softmax head over the
 * ImageNet classes for the Inception score. (The zoo's ResNet50 ends in a 3 x 3 max-pooling flattened to 18432
 * values, not pooled features; VGG16's download is 528 MB.) The scores are therefore FID, KID and IS <em>in
 * Xception's feature space</em>: comparable with each other, not with published Inception-v3 numbers.
 *
 * <p>Found by name from {@code FeatureNetworks}; needs a public no-argument constructor.
 */
public final class Dl4jFeatureNetworks implements FeatureNetworkLoader {

    /** Xception shrinks its input 32-fold; Keras refuses inputs under 71 x 71 for it. */
    public static final int SMALLEST_INPUT = 71;

    @Override
    public FeatureExtractor open(NetworkWeights weights, int inputSize, TaskMonitor monitor, Consumer<String> log)
            throws IOException {
        if (inputSize < SMALLEST_INPUT) {
            throw new UserException("The feature network needs inputs of at least " + SMALLEST_INPUT + " x "
                    + SMALLEST_INPUT + " pixels, got " + inputSize + ".");
        }
        Path file;
        String description;
        if (weights.file().isPresent()) {
            file = weights.file().get();
            if (!Files.isRegularFile(file)) {
                throw new WeightsUnavailableException("No network file " + file + ".");
            }
            description = "network " + file.getFileName() + ", " + inputSize + " x " + inputSize;
        } else {
            file = ZooXception.weights(weights.mayDownload(), monitor, log);
            description = "Xception, ImageNet weights (Deeplearning4j zoo), " + inputSize + " x " + inputSize;
        }
        long start = System.nanoTime();
        ComputationGraph graph = restore(file);
        log.accept(String.format(Locale.ROOT, "Loaded %s in %.1f s.", file.getFileName(),
                (System.nanoTime() - start) / 1e9));
        GraphFeatures features = new GraphFeatures(graph, inputSize, description);
        long squashing = features.squashingConvolutions();
        if (squashing > 0) {
            log.accept("Warning: " + squashing + " convolution or normalisation layers of " + file.getFileName()
                    + " end in a sigmoid (Deeplearning4j's default, which the zoo's Xception configuration keeps);"
                    + " stacked, they make the features nearly the same for every image, and FID and KID nearly 0."
                    + " Build the network with linear convolutions, as Keras' Xception has.");
        }
        return features;
    }

    private static ComputationGraph restore(Path file) {
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new WeightsUnavailableException(file + " is not a Deeplearning4j network (ComputationGraph) file "
                    + "that this version can read: " + e.getMessage(), e);
        }
    }
}
