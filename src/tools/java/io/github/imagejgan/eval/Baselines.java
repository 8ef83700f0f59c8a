package io.github.imagejgan.eval;

import ij.ImagePlus;
import ij.plugin.filter.GaussianBlur;
import ij.plugin.filter.RankFilters;
import ij.plugin.filter.UnsharpMask;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/** The classical ImageJ operations a model must beat, each on one plane, returning 32-bit results. */
final class Baselines {

    private Baselines() {
    }

    static FloatProcessor gaussian(ImagePlus input, double sigma) {
        FloatProcessor fp = input.getProcessor().convertToFloatProcessor();
        new GaussianBlur().blurGaussian(fp, sigma);
        return fp;
    }

    static FloatProcessor median(ImagePlus input, double radius) {
        FloatProcessor fp = input.getProcessor().convertToFloatProcessor();
        // The rank filter reads the neighbourhood from the snapshot.
        fp.snapshot();
        new RankFilters().rank(fp, radius, RankFilters.MEDIAN);
        return fp;
    }

    /** ImageJ's Process › Noise › Despeckle: a median of radius 1. */
    static FloatProcessor despeckle(ImagePlus input) {
        return median(input, 1);
    }

    static FloatProcessor unsharp(ImagePlus input, double sigma, double weight) {
        FloatProcessor fp = input.getProcessor().convertToFloatProcessor();
        fp.snapshot();
        new UnsharpMask().sharpenFloat(fp, sigma, (float) weight);
        return fp;
    }

    /**
     * Bicubic upsampling by {@code scale}, aligned like the block-average downsampling that made the input (output
     * pixel x sits at input coordinate (x + 0.5) / scale - 0.5), so that the baseline is not penalized by a shift.
     */
    static FloatProcessor bicubic(ImagePlus input, int scale) {
        ImageProcessor ip = input.getProcessor().convertToFloatProcessor();
        int w = ip.getWidth() * scale;
        int h = ip.getHeight() * scale;
        FloatProcessor out = new FloatProcessor(w, h);
        for (int y = 0; y < h; y++) {
            double ys = (y + 0.5) / scale - 0.5;
            for (int x = 0; x < w; x++) {
                double xs = (x + 0.5) / scale - 0.5;
                out.setf(x, y, (float) ip.getBicubicInterpolatedPixel(xs, ys, ip));
            }
        }
        return out;
    }
}
