package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;

/**
 * The axis order of a foreign module's tensors, in the letters b (batch), c (channel), y and x, and the conversions
 * between it and the NCHW order of the image path. Missing b means the module takes one image at a time; missing c
 * means it takes a single channel without a channel axis.
 */
final class TensorLayout {

    private static final String CANONICAL = "bcyx";

    private final String axes;

    private TensorLayout(String axes) {
        this.axes = axes;
    }

    /**
     * Checks and wraps a layout.
     *
     * @param channels the channels the tensor holds; more than one needs a c axis
     */
    static TensorLayout of(String axes, int channels) {
        NetworkSpec.require(axes != null && axes.matches("[bcyx]{2,4}"),
                "a tensor layout uses the letters b, c, y, x; got '" + axes + "'");
        for (char a : axes.toCharArray()) {
            NetworkSpec.require(axes.indexOf(a) == axes.lastIndexOf(a), "axis " + a + " appears twice in '" + axes
                    + "'");
        }
        NetworkSpec.require(axes.indexOf('y') >= 0 && axes.indexOf('x') >= 0, "a tensor layout needs y and x; got '"
                + axes + "'");
        NetworkSpec.require(axes.indexOf('c') >= 0 || channels == 1, "a layout without a channel axis holds one "
                + "channel, not " + channels);
        return new TensorLayout(axes);
    }

    boolean hasBatch() {
        return axes.indexOf('b') >= 0;
    }

    boolean isCanonical() {
        return axes.equals(CANONICAL);
    }

    /**
     * Converts an array in canonical order ({@code bcyx}, or {@code cyx} for a single image when this layout has no
     * batch axis) into this layout.
     */
    NDArray fromCanonical(NDArray x) {
        String canonical = present();
        if (axes.indexOf('c') < 0) {
            x = x.squeeze(hasBatch() ? 1 : 0);
        }
        int[] order = new int[axes.length()];
        for (int i = 0; i < order.length; i++) {
            order[i] = canonical.indexOf(axes.charAt(i));
        }
        return isIdentity(order) ? x : x.transpose(order);
    }

    /** Converts an array in this layout into NCHW, adding the batch and channel axes it lacks (of size 1). */
    NDArray toNchw(NDArray y) {
        if (y.getShape().dimension() != axes.length()) {
            throw new IllegalStateException("The module returned an array of shape " + y.getShape() + " where its "
                    + "description promises axes '" + axes + "'.");
        }
        String canonical = present();
        int[] order = new int[axes.length()];
        for (int i = 0; i < order.length; i++) {
            order[i] = axes.indexOf(canonical.charAt(i));
        }
        NDArray out = isIdentity(order) ? y : y.transpose(order);
        if (axes.indexOf('b') < 0) {
            out = out.expandDims(0);
        }
        if (axes.indexOf('c') < 0) {
            out = out.expandDims(1);
        }
        return out;
    }

    /** The canonical order restricted to the axes of this layout, without c when it has none. */
    private String present() {
        StringBuilder s = new StringBuilder();
        for (char a : CANONICAL.toCharArray()) {
            if (axes.indexOf(a) >= 0) {
                s.append(a);
            }
        }
        return s.toString();
    }

    private static boolean isIdentity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return axes;
    }
}
