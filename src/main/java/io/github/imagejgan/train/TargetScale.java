package io.github.imagejgan.train;

import java.nio.FloatBuffer;
import java.util.List;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.MeanStd;
import io.github.imagejgan.image.PlaneAccess;

/**
 * Brings a training target into its input's grey-value units. Paired data often differ in scale (CARE: short and
 * long exposures, low and high laser power), while a prediction is mapped back with the input's own range; so the
 * target is first fitted to its input, {@code input ≈ gain * target + offset}, then normalized like the input.
 *
 * <p>NB: the fit compares the means of large blocks, not pixels: a block mean hardly changes under noise, blur or
 * downsampling, which would all bias a pixel-wise least-squares fit towards a lower gain. When the blocks do not
 * follow a line with positive gain (the pair is not a restoration of one scene), the target keeps its own
 * percentile normalization.
 */
final class TargetScale {

    /** Blocks per side of the grid whose means are compared. */
    private static final int GRID = 8;

    /** Below this share of explained variance the fit is not trusted. */
    private static final double MIN_R2 = 0.5;

    private TargetScale() {
    }

    /**
     * The mapping from the target's values into the input's normalized units.
     *
     * @param scale how many times larger the target is than the input (super-resolution), else 1
     */
    static LinearMap fit(TrainingSample input, TrainingSample target, int scale) {
        double[] x = blockMeans(input.channels(), 1);
        double[] y = blockMeans(target.channels(), scale);
        double mx = MeanStd.of(x).mean();
        double my = MeanStd.of(y).mean();
        double sxy = 0;
        double syy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        if (!(syy > 0) || !(sxx > 0) || !(sxy > 0) || sxy * sxy / (sxx * syy) < MIN_R2) {
            return target.normalize();
        }
        double gain = sxy / syy;
        double offset = mx - gain * my;
        // gain * v + offset, written as (v - shift) * factor.
        return new LinearMap((float) (-offset / gain), (float) gain).then(input.normalize());
    }

    /** Means of a GRID x GRID grid of blocks over all channels; block edges are {@code scale} times the input's. */
    private static double[] blockMeans(List<PlaneAccess> channels, int scale) {
        int width = channels.get(0).width() / scale;
        int height = channels.get(0).height() / scale;
        int bw = Math.max(1, width / GRID);
        int bh = Math.max(1, height / GRID);
        int cols = Math.min(GRID, width);
        int rows = Math.min(GRID, height);
        double[] means = new double[channels.size() * rows * cols];
        FloatBuffer row = FloatBuffer.allocate(cols * bw * scale);
        int k = 0;
        for (PlaneAccess plane : channels) {
            for (int by = 0; by < rows; by++) {
                double[] sums = new double[cols];
                for (int y = by * bh * scale; y < (by + 1) * bh * scale; y++) {
                    plane.readRow(y, 0, cols * bw * scale, row, 0, LinearMap.IDENTITY);
                    for (int i = 0; i < cols * bw * scale; i++) {
                        sums[i / (bw * scale)] += row.get(i);
                    }
                }
                for (int bx = 0; bx < cols; bx++) {
                    means[k++] = sums[bx] / ((double) bw * bh * scale * scale);
                }
            }
        }
        return means;
    }
}
