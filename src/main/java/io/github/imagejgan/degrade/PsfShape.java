package io.github.imagejgan.degrade;

/** The shape of an {@link OpticalBlur}'s point-spread function. */
public enum PsfShape {

    /** A Gaussian: lens aberrations and scatter, a microscope's PSF as most software models it. */
    GAUSSIAN(4),

    /**
     * The Airy pattern of a diffraction-limited lens with a circular pupil, to its fourth dark ring: a sharp core with
     * faint rings, which a Gaussian of the same width lacks.
     */
    AIRY(PsfKernels.AIRY_FOURTH_ZERO / PsfKernels.AIRY_FIRST_ZERO),

    /** A uniform disk: a lens out of focus (the geometric blur circle), whose spectrum passes zero and turns over. */
    DISK(1);

    /** How far the PSF reaches, in units of its size. */
    private final double reach;

    PsfShape(double reach) {
        this.reach = reach;
    }

    /** The name used in specifications and descriptions. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How far the PSF reaches from its centre, in units of its size (sigma or radius). */
    double reach() {
        return reach;
    }

    /** The PSF at distance {@code r}, in units of its size, along a circle's radius; not normalized. */
    double intensity(double r) {
        return switch (this) {
            case GAUSSIAN -> Math.exp(-0.5 * r * r);
            case AIRY -> r <= reach ? AiryTable.at(r * PsfKernels.AIRY_FIRST_ZERO) : 0;
            case DISK -> r <= 1 ? 1 : 0;
        };
    }

    /**
     * The Airy pattern tabulated to its fourth dark ring and interpolated linearly (relative error below 1e-6): a
     * randomized blur draws a new kernel for every training patch, and Bessel's integral at each of its thousands of
     * samples would cost more than the training step.
     */
    private static final class AiryTable {
        private static final int STEPS = 8192;
        private static final double[] VALUES = new double[STEPS + 2];

        static {
            for (int i = 0; i < VALUES.length; i++) {
                VALUES[i] = PsfKernels.airy(i * PsfKernels.AIRY_FOURTH_ZERO / STEPS);
            }
        }

        static double at(double v) {
            double position = v / PsfKernels.AIRY_FOURTH_ZERO * STEPS;
            int i = (int) position;
            double t = position - i;
            return VALUES[i] + t * (VALUES[i + 1] - VALUES[i]);
        }
    }
}
