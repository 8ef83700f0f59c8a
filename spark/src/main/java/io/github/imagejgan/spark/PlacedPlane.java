package io.github.imagejgan.spark;

import java.nio.FloatBuffer;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.PlaneWindow;
import net.imglib2.img.array.ArrayImgs;

/**
 * A whole plane of which only a window is held: what a block task reads of a plane too large for it. Reads outside
 * the window fail, which would mean the block read less than its tiles need.
 *
 * @param held  the pixels of the window
 * @param window where they lie in the plane
 */
record PlacedPlane(PlaneAccess held, PlaneWindow window, int width, int height) implements PlaneAccess {

    /** The pixels of a window of a Zarr plane (byte[], short[] or float[], row by row) in a plane of the given size. */
    static PlacedPlane of(Object pixels, PlaneWindow window, int width, int height) {
        return new PlacedPlane(plane(pixels, window.width(), window.height()), window, width, height);
    }

    /** Row access to an array of pixels (byte[], short[] or float[], row by row) of the given size. */
    static PlaneAccess plane(Object pixels, int width, int height) {
        if (pixels instanceof byte[] b) {
            return PlaneAccesses.plane(ArrayImgs.unsignedBytes(b, width, height));
        }
        if (pixels instanceof short[] s) {
            return PlaneAccesses.plane(ArrayImgs.unsignedShorts(s, width, height));
        }
        return PlaneAccesses.plane(ArrayImgs.floats((float[]) pixels, width, height));
    }

    @Override
    public int integerLevels() {
        return held.integerLevels();
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        if (y < window.y() || y >= window.endY() || x0 < window.x() || x0 + n > window.endX()) {
            throw new IllegalStateException("Row " + y + ", columns " + x0 + ".." + (x0 + n) + " lie outside the "
                    + "block's window " + window);
        }
        held.readRow(y - window.y(), x0 - window.x(), n, dst, dstIndex, map);
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        throw new UnsupportedOperationException("A block's input planes are read only");
    }
}
