package io.github.imagejgan.image;

import java.nio.FloatBuffer;

/** A plane seen through a value mapping, composed into the row transfers so that nothing is copied. */
final class MappedPlane implements PlaneAccess {

    private final PlaneAccess plane;
    private final LinearMap map;

    MappedPlane(PlaneAccess plane, LinearMap map) {
        this.plane = plane;
        this.map = map;
    }

    @Override
    public int width() {
        return plane.width();
    }

    @Override
    public int height() {
        return plane.height();
    }

    @Override
    public int integerLevels() {
        // Mapped values are no longer the plane's small integers.
        return 0;
    }

    @Override
    public void readRow(int y, int x0, int n, FloatBuffer dst, int dstIndex, LinearMap outer) {
        plane.readRow(y, x0, n, dst, dstIndex, map.then(outer));
    }

    @Override
    public void writeRow(int y, int x0, int n, FloatBuffer src, int srcIndex, LinearMap outer) {
        plane.writeRow(y, x0, n, src, srcIndex, outer.then(map.inverse()));
    }
}
