package io.github.imagejgan.image;

import java.io.Serializable;

import io.github.imagejgan.task.UserException;

/**
 * A rectangle of a plane, in input pixels: the part of a plane's result one run produces when a large image is
 * processed block by block, or what a block must read.
 */
public record PlaneWindow(int x, int y, int width, int height) implements Serializable {

    public PlaneWindow {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new UserException("A plane window needs a non-negative origin and a positive size, got " + x + ","
                    + y + " " + width + "x" + height);
        }
    }

    /** The whole of a plane. */
    public static PlaneWindow whole(int width, int height) {
        return new PlaneWindow(0, 0, width, height);
    }

    public int endX() {
        return x + width;
    }

    public int endY() {
        return y + height;
    }

    /** This window on a grid {@code scale} times finer (the output of super-resolution). */
    public PlaneWindow scaled(int scale) {
        return new PlaneWindow(x * scale, y * scale, width * scale, height * scale);
    }

    /** Whether the window lies within a plane of the given size. */
    public boolean fitsIn(int planeWidth, int planeHeight) {
        return endX() <= planeWidth && endY() <= planeHeight;
    }
}
