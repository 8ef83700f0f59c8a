package io.github.imagejgan.degrade;

/** How {@link BlurDownsample} keeps detail finer than the new pixel size from folding back as false patterns. */
public enum AntiAliasing {

    /**
     * Averages each block of pixels, like camera binning. Physically what a camera with larger pixels records, but a
     * weak low-pass filter: patterns just below the input's Nyquist frequency leak through as aliases (a stripe
     * pattern at 0.45 cycles/pixel keeps 16% of its amplitude at factor 2).
     */
    AREA,

    /**
     * A Gaussian pre-filter of sigma {@code factor / 2} input pixels, then block averaging. Keeps about 30% of the
     * contrast at the output's Nyquist frequency and less than 1% at the input's (factor 2; far less for larger
     * factors), so patterns too fine for the output are mostly removed instead of folding back as moiré: the softness
     * of a real low-resolution acquisition.
     */
    GAUSSIAN;

    /** The name used in specifications and descriptions. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
