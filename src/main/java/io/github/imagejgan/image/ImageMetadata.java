package io.github.imagejgan.image;

/**
 * What travels with the pixels from an input image to the image a network produces from it.
 *
 * @param title         image title
 * @param pixelWidth    physical size of a pixel along X
 * @param pixelHeight   physical size of a pixel along Y
 * @param pixelDepth    physical distance between Z slices
 * @param unit          unit of the three sizes (e.g. "micron"; "pixel" when uncalibrated)
 * @param frameInterval time between frames
 * @param timeUnit      unit of the frame interval
 * @param info          free-text image info (ImageJ's "Info" property), may be empty
 */
public record ImageMetadata(String title, double pixelWidth, double pixelHeight, double pixelDepth, String unit,
        double frameInterval, String timeUnit, String info) {

    public ImageMetadata {
        title = title == null ? "" : title;
        unit = unit == null || unit.isEmpty() ? "pixel" : unit;
        timeUnit = timeUnit == null || timeUnit.isEmpty() ? "sec" : timeUnit;
        info = info == null ? "" : info;
    }

    /** Uncalibrated metadata with the given title. */
    public static ImageMetadata untitled(String title) {
        return new ImageMetadata(title, 1, 1, 1, "pixel", 0, "sec", "");
    }

    /** The same metadata under another title. */
    public ImageMetadata withTitle(String newTitle) {
        return new ImageMetadata(newTitle, pixelWidth, pixelHeight, pixelDepth, unit, frameInterval, timeUnit, info);
    }

    /**
     * Distance between slices in pixel widths (voxel depth over width), or 0 where the calibration gives no usable
     * ratio.
     */
    public double sliceSpacing() {
        double ratio = pixelDepth / pixelWidth;
        return ratio > 0 && Double.isFinite(ratio) ? ratio : 0;
    }

    /**
     * Metadata of an image whose X/Y grid is {@code scale} times finer (super-resolution): pixels become
     * {@code scale} times smaller, the physical extent stays the same.
     */
    public ImageMetadata withXYScale(double scale) {
        return new ImageMetadata(title, pixelWidth / scale, pixelHeight / scale, pixelDepth, unit, frameInterval,
                timeUnit, info);
    }
}
