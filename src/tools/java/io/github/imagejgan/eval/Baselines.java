package io.github.imagejgan.eval;

import ij.ImagePlus;
import ij.plugin.filter.UnsharpMask;
import ij.process.FloatProcessor;

/** The classical ImageJ operation the style model is compared with, on one plane, returning 32-bit results. */
final class Baselines {

    private Baselines() {
    }

    static FloatProcessor unsharp(ImagePlus input, double sigma, double weight) {
        FloatProcessor fp = input.getProcessor().convertToFloatProcessor();
        fp.snapshot();
        new UnsharpMask().sharpenFloat(fp, sigma, (float) weight);
        return fp;
    }
}
