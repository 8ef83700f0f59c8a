package io.github.imagejgan.metrics.distribution;

/**
 * A stand-in feature network in plain Java: the mean of each image's quadrants per channel, and, with a classifier,
 * a softmax over them. Enough to follow images through the evaluation without Deeplearning4j.
 */
final class FakeFeatures implements FeatureExtractor {

    private final int size;
    private final boolean classifier;
    int images;
    boolean closed;

    FakeFeatures(int size, boolean classifier) {
        this.size = size;
        this.classifier = classifier;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public boolean hasClassifier() {
        return classifier;
    }

    @Override
    public String description() {
        return "quadrant means, " + size + " x " + size;
    }

    @Override
    public Output run(float[] batch, int count) {
        int length = 3 * size * size;
        double[][] features = new double[count][12];
        double[][] probabilities = new double[count][12];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int quadrant = c * 4 + (y * 2 / size) * 2 + x * 2 / size;
                        features[i][quadrant] += batch[i * length + (c * size + y) * size + x] * 4.0 / (size * size);
                    }
                }
            }
            double sum = 0;
            for (int k = 0; k < 12; k++) {
                probabilities[i][k] = Math.exp(3 * features[i][k]);
                sum += probabilities[i][k];
            }
            for (int k = 0; k < 12; k++) {
                probabilities[i][k] /= sum;
            }
        }
        images += count;
        return new Output(features, classifier ? probabilities : null);
    }

    @Override
    public void close() {
        closed = true;
    }
}
