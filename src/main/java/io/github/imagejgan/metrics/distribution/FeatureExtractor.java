package io.github.imagejgan.metrics.distribution;

/**
 * A feature network: images in, one feature vector per image out (and, where the network has a classifier head,
 * class probabilities). Implementations live in packages that need optional libraries and are reached only through
 * {@link FeatureNetworks}.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** What the network computes for a batch of images, one row per image. */
    record Output(double[][] features, double[][] probabilities) {

        public boolean hasProbabilities() {
            return probabilities != null;
        }
    }

    /** The side of the square images the network takes, in pixels. */
    int inputSize();

    /** Whether {@link #run} returns class probabilities too (what the Inception score needs). */
    boolean hasClassifier();

    /** A short description for logs and result tables, e.g. "Xception, ImageNet weights, 299 x 299". */
    String description();

    /**
     * Runs the network on {@code count} images of {@code 3 x inputSize() x inputSize()} values in [0, 1], stored one
     * after another (CHW each), as {@link NetworkInput} makes them.
     */
    Output run(float[] images, int count);

    /** Frees the network's memory; the extractor cannot be used afterwards. */
    @Override
    void close();
}
