package io.github.imagejgan.metrics.distribution;

import java.util.List;

/**
 * The outcome of comparing a set of generated images with a set of real ones.
 *
 * @param rows             one per metric, in the order computed
 * @param realImages       image files read from the real folder
 * @param generatedImages  image files read from the generated folder
 * @param realSamples      samples (planes) of the real images
 * @param generatedSamples samples (planes) of the generated images
 * @param network          the feature network, as {@link FeatureExtractor#description()} says
 */
public record DistributionScores(List<Row> rows, int realImages, int generatedImages, int realSamples,
        int generatedSamples, String network) {

    /**
     * One metric.
     *
     * @param metric  e.g. "FID", "KID", "IS (generated)"
     * @param value   the score (for KID and IS, the mean over subsets or splits)
     * @param std     standard deviation over subsets or splits; NaN for FID, which has none
     * @param details how the score was computed, e.g. "100 subsets of 50"
     */
    public record Row(String metric, double value, double std, String details) {
    }

    public DistributionScores {
        rows = List.copyOf(rows);
    }

    /** The row of a metric. */
    public Row row(String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("No " + metric + " among " + rows.stream().map(Row::metric)
                        .toList()));
    }
}
