package io.github.imagejgan.degrade;

import java.util.Map;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * Blur by a lens's point-spread function other than the round Gaussian of {@link BlurDownsample}: a Gaussian,
 * an Airy pattern (a diffraction-limited microscope in focus) or a uniform disk (a lens out of focus), each round or
 * stretched along one direction (astigmatism, motion, a line-scanning detector's filter). Chained before
 * {@link BlurDownsample}, it makes the low-resolution inputs of super-resolution from optics that a Gaussian blur
 * does not name; before a noise, the blurred inputs of deblurring.
 *
 * @param shape  the PSF's shape
 * @param size   its size along its long axis, in pixels: the Gaussian's sigma, the Airy pattern's first dark ring's
 *               radius or the disk's radius; 0 for none
 * @param aspect its size across over its size along, in (0, 1]: 1 for a round PSF
 * @param angle  the long axis's direction, in degrees from the rows, counterclockwise as the image is shown
 */
public record OpticalBlur(PsfShape shape, double size, double aspect, double angle) implements Degradation {

    public static final String TYPE = "psf";

    public OpticalBlur {
        if (shape == null) {
            throw new UserException("Choose a point-spread function's shape: " + java.util.Arrays.toString(
                    PsfShape.values()).toLowerCase(java.util.Locale.ROOT));
        }
        if (!(size >= 0) || Double.isInfinite(size) || !(aspect > 0 && aspect <= 1) || !Double.isFinite(angle)) {
            throw new UserException("A point-spread function needs size >= 0 (pixels), aspect in (0, 1] and a finite "
                    + "angle (degrees); got size " + size + ", aspect " + aspect + ", angle " + angle);
        }
        if (Math.ceil(size * shape.reach()) > PsfKernels.MAX_RADIUS) {
            throw new UserException("A " + shape.label() + " point-spread function of size " + size + " pixels reaches "
                    + "farther than " + PsfKernels.MAX_RADIUS + " pixels: use larger pixels or a smaller blur");
        }
    }

    /** The kernel, {@code side * side} values row by row (rows of the image down, columns across). */
    public float[] kernel() {
        double radians = Math.toRadians(angle);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        // Rows grow downwards, so a counterclockwise angle on screen turns the long axis towards -y.
        return PsfKernels.integrated(side() / 2, (dx, dy) -> {
            double along = dx * cos - dy * sin;
            double across = dx * sin + dy * cos;
            return shape.intensity(Math.hypot(along / size, across / (size * aspect)));
        });
    }

    /** The kernel's side, odd, in pixels. */
    public int side() {
        return 2 * (int) Math.ceil(Math.max(1, size * shape.reach())) + 1;
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        PlaneAccesses.requireSize(image, width, height);
        if (size == 0) {
            return new Degraded(image.clone(), width, height);
        }
        return new Degraded(Filters.convolve(image, width, height, kernel(), side()), width, height);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "shape", shape.label(), "size", size, "aspect", aspect, "angle", angle);
    }
}
