package io.github.imagejgan.image;

import java.util.ArrayList;
import java.util.List;

import io.github.imagejgan.task.UserException;

/**
 * The tiles that cover a plane, in row-major order. All tiles have the same input size, so they batch together and
 * a network sees one shape only.
 *
 * @param scale output pixels per input pixel along X and Y (1, or the super-resolution factor)
 */
public record TilePlan(AxisTiling x, AxisTiling y, int scale) {

    /** Plans the tiles of a {@code width} x {@code height} plane. */
    public static TilePlan of(int width, int height, TileSpec spec, int scale) {
        if (scale < 1) {
            throw new UserException("Output scale must be at least 1, got " + scale);
        }
        return new TilePlan(AxisTiling.of(width, spec), AxisTiling.of(height, spec), scale);
    }

    public List<Tile> tiles() {
        List<Tile> tiles = new ArrayList<>(x.count() * y.count());
        for (int iy = 0; iy < y.count(); iy++) {
            for (int ix = 0; ix < x.count(); ix++) {
                tiles.add(new Tile(ix, iy, x, y));
            }
        }
        return tiles;
    }

    public int tileCount() {
        return x.count() * y.count();
    }

    public int inputWidth() {
        return x.inputSize();
    }

    public int inputHeight() {
        return y.inputSize();
    }

    public int outputWidth() {
        return x.length() * scale;
    }

    public int outputHeight() {
        return y.length() * scale;
    }
}
