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

    /**
     * Fills masked pixels by diffusion (the harmonic fill: each hole pixel becomes the mean of its neighbours, until
     * nothing changes), the smooth fill ImageJ users reach for.
     */
    static FloatProcessor diffusionFill(ImagePlus input, byte[] mask) {
        FloatProcessor fp = input.getProcessor().convertToFloatProcessor();
        int w = fp.getWidth();
        int h = fp.getHeight();
        float[] v = (float[]) fp.getPixels();
        double known = 0;
        int count = 0;
        for (int i = 0; i < v.length; i++) {
            if (mask[i] == 0) {
                known += v[i];
                count++;
            }
        }
        for (int i = 0; i < v.length; i++) {
            if (mask[i] != 0) {
                v[i] = (float) (known / Math.max(1, count));
            }
        }
        for (int iteration = 0; iteration < 5000; iteration++) {
            double change = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (mask[i] == 0) {
                        continue;
                    }
                    double sum = 0;
                    int n = 0;
                    if (x > 0) {
                        sum += v[i - 1];
                        n++;
                    }
                    if (x < w - 1) {
                        sum += v[i + 1];
                        n++;
                    }
                    if (y > 0) {
                        sum += v[i - w];
                        n++;
                    }
                    if (y < h - 1) {
                        sum += v[i + w];
                        n++;
                    }
                    float next = (float) (sum / n);
                    change = Math.max(change, Math.abs(next - v[i]));
                    v[i] = next;
                }
            }
            if (change < 1e-3) {
                break;
            }
        }
        return fp;
    }
}
