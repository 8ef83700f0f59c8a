package io.github.imagejgan.metrics.distribution;

import java.io.IOException;
import java.util.function.Consumer;

import io.github.imagejgan.task.TaskMonitor;

/**
 * Opens a feature network. Implemented where the network library is; {@link FeatureNetworks} finds the
 * implementation by name, so that nothing outside it refers to that library.
 */
public interface FeatureNetworkLoader {

    /**
     * @param inputSize side of the square images the network is run on, in pixels
     * @param monitor   progress of a download, and its cancellation
     * @param log       one line per step a user may want to know about (download, cache, load)
     */
    FeatureExtractor open(NetworkWeights weights, int inputSize, TaskMonitor monitor, Consumer<String> log)
            throws IOException;
}
