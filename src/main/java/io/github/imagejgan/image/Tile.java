package io.github.imagejgan.image;

/**
 * One tile of a {@link TilePlan}: its column {@code ix} and row {@code iy} in the tile grid.
 */
public record Tile(int ix, int iy, AxisTiling x, AxisTiling y) {

    public int inputX() {
        return x.inputStart(ix);
    }

    public int inputY() {
        return y.inputStart(iy);
    }

    public int keptStartX() {
        return x.keptStart(ix);
    }

    public int keptEndX() {
        return x.keptEnd(ix);
    }

    public int keptStartY() {
        return y.keptStart(iy);
    }

    public int keptEndY() {
        return y.keptEnd(iy);
    }

    /** The part of the tile that reaches the output, in the pixels of the tile's input. */
    public PlaneWindow keptInInput() {
        return new PlaneWindow(keptStartX() - inputX(), keptStartY() - inputY(), keptEndX() - keptStartX(),
                keptEndY() - keptStartY());
    }
}
