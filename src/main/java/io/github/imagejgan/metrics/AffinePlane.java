package io.github.imagejgan.metrics;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;
import net.imglib2.img.array.ArrayImgs;

/**
 * A plane read row by row as {@code scale * value + offset}, in double precision. Metrics stream rows through this
 * instead of copying images, and the affine map lets a normalized comparison work on the original pixels. Unlike
 * {@link LinearMap}, the scale may be 0 (a prediction fitted to a constant).
 */
record AffinePlane(PlaneAccess plane, double scale, double offset) {

    static AffinePlane of(PlaneAccess plane) {
        return new AffinePlane(plane, 1, 0);
    }

    /** Wraps a row-major float array without copying it. */
    static AffinePlane of(float[] pixels, int width, int height) {
        if (width < 1 || height < 1 || (long) width * height != pixels.length) {
            throw new UserException("An image of " + width + "x" + height + " needs " + (long) width
                    * height + " pixels, got " + pixels.length);
        }
        return of(PlaneAccesses.plane(ArrayImgs.floats(pixels, width, height)));
    }

    /** A pixel array as one plane of one row, without copying it. */
    static List<AffinePlane> row(float[] pixels) {
        return List.of(of(pixels, pixels.length, 1));
    }

    /** Fails unless both arrays hold the same, non-zero number of pixels. */
    static void requireSameSize(float[] reference, float[] test) {
        if (reference.length != test.length || reference.length == 0) {
            throw new UserException("Images must be the same non-empty size: " + reference.length
                    + " vs " + test.length + " pixels");
        }
    }

    static List<AffinePlane> of(HyperImage<?> image) {
        List<AffinePlane> planes = new ArrayList<>();
        for (PlaneAccess p : image.allPlanes()) {
            planes.add(of(p));
        }
        return planes;
    }

    int width() {
        return plane.width();
    }

    int height() {
        return plane.height();
    }

    /** Reads row {@code y} into {@code out}, using {@code scratch} (at least one row long) for the transfer. */
    void readRow(int y, FloatBuffer scratch, double[] out) {
        int w = plane.width();
        plane.readRow(y, 0, w, scratch, 0, LinearMap.IDENTITY);
        for (int x = 0; x < w; x++) {
            out[x] = scale * scratch.get(x) + offset;
        }
    }

    /** Fails unless both lists hold planes of the same sizes, pairwise. */
    static void checkSameSize(List<AffinePlane> reference, List<AffinePlane> test) {
        if (reference.size() != test.size() || reference.isEmpty()) {
            throw new UserException("Compare images with the same number of planes: " + reference.size()
                    + " vs " + test.size());
        }
        for (int i = 0; i < reference.size(); i++) {
            AffinePlane r = reference.get(i);
            AffinePlane t = test.get(i);
            if (r.width() != t.width() || r.height() != t.height()) {
                throw new UserException("Images must be the same size to compare: " + r.width() + "x"
                        + r.height() + " vs " + t.width() + "x" + t.height());
            }
        }
    }
}
