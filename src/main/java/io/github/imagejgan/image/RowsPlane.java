package io.github.imagejgan.image;

import java.nio.FloatBuffer;

/** A band of whole rows of a plane, seen as a plane of its own; nothing is copied. */
final class RowsPlane implements PlaneAccess {

    private final PlaneAccess plane;
    private final int y0;
    private final int height;

    RowsPlane(PlaneAccess plane, int y0, int height) {
        if (y0 < 0 || height < 1 || y0 + height > plane.height()) {
            throw new IllegalArgumentException("Rows " + y0 + " to " + (y0 + height - 1) + " are outside a plane of "
                    + plane.height() + " rows");
        }
        this.plane = plane;
        this.y0 = y0;
        this.height = height;
    }

    @Override
    public int width() {
        return plane.width();
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int integerLevels() {
        return plane.integerLevels();
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap map) {
        plane.readRow(y0 + y, x0, n, dst, dstIndex, map);
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap map) {
        plane.writeRow(y0 + y, x0, n, src, srcIndex, map);
    }
}
