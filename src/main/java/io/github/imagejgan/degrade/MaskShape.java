package io.github.imagejgan.degrade;

/** The shapes of the holes that {@link RandomMask} cuts into an image. */
public enum MaskShape {

    /** Axis-aligned rectangles, from a tenth to a third of the image side: large missing regions. */
    BOXES,

    /** Free-hand brush strokes (polylines of thick round strokes), like scratches or removed objects. */
    STROKES,

    /** Irregular rounded blobs from a thresholded smooth random field, like dust, bubbles or stains. */
    BLOBS;

    /** The name used in specifications and descriptions. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
