package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.UncheckedIOException;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.imagejgan.image.PlaneWindow;

/** The planes of an OME-Zarr image as an ImageJ virtual stack: each plane is read when ImageJ asks for it. */
final class ZarrStack extends VirtualStack {

    private final ZarrImage image;
    private final int channels;
    private final int slices;

    private ZarrStack(ZarrImage image) {
        super(image.width(), image.height(), null, null);
        this.image = image;
        this.channels = image.size(ZarrImage.C);
        this.slices = image.size(ZarrImage.Z);
    }

    /** The image as an ImageJ hyperstack of virtual planes, with its calibration. */
    static ImagePlus image(ZarrImage image, String title) {
        ZarrStack stack = new ZarrStack(image);
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDimensions(stack.channels, stack.slices, image.size(ZarrImage.T));
        if (imp.getStackSize() > 1) {
            imp.setOpenAsHyperStack(true);
        }
        Calibration cal = imp.getCalibration();
        double[] scale = image.scale();
        cal.pixelWidth = scale[ZarrImage.X];
        cal.pixelHeight = scale[ZarrImage.Y];
        cal.pixelDepth = scale[ZarrImage.Z];
        if (!image.units()[ZarrImage.X].isEmpty()) {
            cal.setUnit(image.units()[ZarrImage.X]);
        }
        if (!image.units()[ZarrImage.T].isEmpty()) {
            cal.frameInterval = scale[ZarrImage.T];
            cal.setTimeUnit(image.units()[ZarrImage.T]);
        }
        return imp;
    }

    @Override
    public int getSize() {
        return channels * slices * image.size(ZarrImage.T);
    }

    @Override
    public int getBitDepth() {
        return image.type().bitDepth;
    }

    @Override
    public ImageProcessor getProcessor(int n) {
        int i = n - 1;
        int c = i % channels;
        int z = i / channels % slices;
        int t = i / channels / slices;
        Object pixels;
        try {
            pixels = image.readPlane(c, z, t, PlaneWindow.whole(image.width(), image.height()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int w = image.width();
        int h = image.height();
        return switch (image.type()) {
            case U1 -> new ByteProcessor(w, h, (byte[]) pixels);
            case U2 -> new ShortProcessor(w, h, (short[]) pixels, null);
            case F4 -> new FloatProcessor(w, h, (float[]) pixels);
        };
    }

    @Override
    public Object getPixels(int n) {
        return getProcessor(n).getPixels();
    }

    @Override
    public String getSliceLabel(int n) {
        return null;
    }

    @Override
    public void deleteSlice(int n) {
        throw new UnsupportedOperationException("A Zarr image's planes are read only here");
    }
}
