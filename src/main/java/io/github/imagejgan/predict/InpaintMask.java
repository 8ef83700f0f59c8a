package io.github.imagejgan.predict;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import ij.process.ByteProcessor;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.image.UnsupportedImageException;
import net.imglib2.img.array.ArrayImgs;

/**
 * Which pixels to fill: 1 where a pixel is missing, 0 elsewhere, for one or every slice/frame. Made from a selection
 * (any shape) or from a mask image (any value above zero marks a hole); one byte per pixel.
 */
public final class InpaintMask {

    private final int width;
    private final int height;
    private final List<byte[]> planes;

    private InpaintMask(int width, int height, List<byte[]> planes) {
        this.width = width;
        this.height = height;
        this.planes = planes;
    }

    /** The pixels inside a selection, the same on every plane. */
    public static InpaintMask of(Roi roi, int width, int height) {
        if (roi == null || !roi.isArea()) {
            throw new UnsupportedImageException("Inpainting needs an area selection (rectangle, oval, polygon, "
                    + "freehand...) around the pixels to fill, or a mask image.");
        }
        ByteProcessor mask = new ByteProcessor(width, height);
        mask.setColor(1);
        mask.fill(roi);
        byte[] pixels = (byte[]) mask.getPixels();
        requireSomeHole(pixels);
        return new InpaintMask(width, height, List.of(pixels));
    }

    /** A mask image: one plane used for all planes, or one per slice/frame of the image to fill. */
    public static InpaintMask of(HyperImage<?> maskImage) {
        if (maskImage.channels() != 1) {
            throw new UnsupportedImageException("A mask image has one channel; this one has "
                    + maskImage.channels() + ".");
        }
        int w = maskImage.width();
        int h = maskImage.height();
        List<byte[]> planes = new ArrayList<>();
        FloatBuffer row = FloatBuffer.allocate(w);
        boolean any = false;
        for (int t = 0; t < maskImage.frames(); t++) {
            for (int z = 0; z < maskImage.slices(); z++) {
                PlaneAccess plane = maskImage.plane(0, z, t);
                byte[] bits = new byte[w * h];
                for (int y = 0; y < h; y++) {
                    plane.readRow(y, 0, w, row, 0, LinearMap.IDENTITY);
                    for (int x = 0; x < w; x++) {
                        if (row.get(x) > 0) {
                            bits[y * w + x] = 1;
                            any = true;
                        }
                    }
                }
                planes.add(bits);
            }
        }
        if (!any) {
            throw new UnsupportedImageException("The mask marks no pixel to fill: make holes non-zero.");
        }
        return new InpaintMask(w, h, planes);
    }

    private static void requireSomeHole(byte[] pixels) {
        for (byte b : pixels) {
            if (b != 0) {
                return;
            }
        }
        throw new UnsupportedImageException("The selection covers no pixel of the image.");
    }

    /** Checks that this mask fits an image. */
    void requireFits(HyperImage<?> image) {
        if (image.width() != width || image.height() != height) {
            throw new UnsupportedImageException("The mask is " + width + "x" + height + " but the image is "
                    + image.width() + "x" + image.height() + ".");
        }
        int planeCount = image.slices() * image.frames();
        if (planes.size() != 1 && planes.size() != planeCount) {
            throw new UnsupportedImageException("The mask has " + planes.size() + " planes; use one, or one per "
                    + "slice and frame of the image (" + planeCount + ").");
        }
    }

    /** The 0/1 plane for slice z, frame t of an image with {@code slices} slices. */
    PlaneAccess plane(int z, int t, int slices) {
        byte[] bits = planes.size() == 1 ? planes.get(0) : planes.get(t * slices + z);
        return PlaneAccesses.plane(ArrayImgs.unsignedBytes(bits, width, height));
    }

    /** The hole bits of one plane, row-major; shared, do not modify. */
    byte[] bits(int z, int t, int slices) {
        return planes.size() == 1 ? planes.get(0) : planes.get(t * slices + z);
    }
}
