package io.github.imagejgan.image;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * ImageJ 1.x images as {@link HyperImage}s, sharing the ImagePlus pixel arrays (no copy): 8-bit, 16-bit and 32-bit
 * stacks and hyperstacks become planar images over X, Y, C, Z, T; RGB images become three 8-bit channels that read
 * from and write to the packed pixels. A stand-in for imglib2-ij, which this build cannot depend on.
 */
public final class ImagePlusImages {

    private ImagePlusImages() {
    }

    /** Wraps the pixels of an ImagePlus; writes through the result change the ImagePlus. */
    public static HyperImage<? extends RealType<?>> wrap(ImagePlus imp) {
        checkUsable(imp);
        ImageMetadata metadata = metadataOf(imp);
        return switch (imp.getType()) {
            case ImagePlus.GRAY8, ImagePlus.COLOR_256 -> planar(imp, new UnsignedByteType(),
                    p -> new ByteArray((byte[]) p),
                    (pixels, w, h) -> new UnsignedBytePlane((byte[]) pixels, w, h, 0), metadata);
            case ImagePlus.GRAY16 -> planar(imp, new UnsignedShortType(),
                    p -> new ShortArray((short[]) p),
                    (pixels, w, h) -> new UnsignedShortPlane((short[]) pixels, w, h, 0), metadata);
            case ImagePlus.GRAY32 -> planar(imp, new FloatType(), p -> new FloatArray((float[]) p),
                    (pixels, w, h) -> new FloatPlane((float[]) pixels, w, h, 0), metadata);
            case ImagePlus.COLOR_RGB -> rgb(imp, metadata);
            default -> throw new UnsupportedImageException("Image type " + imp.getType() + " of '" + imp.getTitle()
                    + "' is not supported: convert it to 8-bit, 16-bit, 32-bit or RGB.");
        };
    }

    /**
     * A new, empty ImageJ hyperstack.
     *
     * @param bitDepth 8, 16, 32, or 24 for RGB
     */
    public static ImagePlus create(int bitDepth, int width, int height, int channels, int slices, int frames,
            ImageMetadata metadata) {
        if (bitDepth == 24 && channels != 1) {
            throw new UnsupportedImageException("An RGB image holds its three colours in one channel; "
                    + channels + " channels were requested.");
        }
        long planes = (long) channels * slices * frames;
        if (planes > Integer.MAX_VALUE) {
            throw new UnsupportedImageException("Too many planes for an ImageJ stack: " + planes);
        }
        ImagePlus imp = IJ.createHyperStack(metadata.title(), width, height, channels, slices, frames, bitDepth);
        apply(metadata, imp);
        return imp;
    }

    /** The calibration, title and info of an ImagePlus. */
    public static ImageMetadata metadataOf(ImagePlus imp) {
        Calibration cal = imp.getCalibration();
        Object info = imp.getProperty("Info");
        return new ImageMetadata(imp.getTitle(), cal.pixelWidth, cal.pixelHeight, cal.pixelDepth, cal.getXUnit(),
                cal.frameInterval, cal.getTimeUnit(), info instanceof String s ? s : "");
    }

    /** Sets title, calibration and info of an ImagePlus from the metadata. */
    public static void apply(ImageMetadata metadata, ImagePlus imp) {
        imp.setTitle(metadata.title());
        Calibration cal = imp.getCalibration().copy();
        cal.pixelWidth = metadata.pixelWidth();
        cal.pixelHeight = metadata.pixelHeight();
        cal.pixelDepth = metadata.pixelDepth();
        cal.setUnit(metadata.unit());
        cal.frameInterval = metadata.frameInterval();
        cal.setTimeUnit(metadata.timeUnit());
        imp.setCalibration(cal);
        if (!metadata.info().isEmpty()) {
            imp.setProperty("Info", metadata.info());
        }
    }

    private static void checkUsable(ImagePlus imp) {
        if (imp == null) {
            throw new UnsupportedImageException("No image: open an image first.");
        }
        if (imp.getWidth() < 1 || imp.getHeight() < 1 || imp.getStackSize() < 1) {
            throw new UnsupportedImageException("Image '" + imp.getTitle() + "' has no pixels.");
        }
        if (imp.getStack().isVirtual()) {
            // Virtual stacks hand out a fresh array per call; writes would be lost and reads repeated from disk.
            throw new UnsupportedImageException("Image '" + imp.getTitle() + "' is a virtual stack: load it into "
                    + "memory first (Image > Duplicate...) or process its files in batch mode.");
        }
        if (imp.getType() == ImagePlus.COLOR_RGB && imp.getNChannels() > 1) {
            throw new UnsupportedImageException("Image '" + imp.getTitle() + "' is an RGB hyperstack with "
                    + imp.getNChannels() + " channels; convert it to a composite (Image > Color > Make Composite).");
        }
    }

    @FunctionalInterface
    private interface PlaneFactory {
        PlaneAccess of(Object pixels, int width, int height);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static <T extends RealType<T> & NativeType<T>, A extends ArrayDataAccess<A>> HyperImage<T> planar(
            ImagePlus imp, T type, Function<Object, A> access, PlaneFactory planeFactory, ImageMetadata metadata) {
        int w = imp.getWidth();
        int h = imp.getHeight();
        int nc = imp.getNChannels();
        int nz = imp.getNSlices();
        int nt = imp.getNFrames();
        ImageStack stack = imp.getStack();
        // ImageJ's stack index runs over C fastest, then Z, then T: the same order PlanarImg flattens dims 2..4.
        PlanarImg<T, A> img = new PlanarImg<>(stackPlanes(stack, access), new long[] { w, h, nc, nz, nt },
                new Fraction());
        img.setLinkedType((T) ((NativeType) type).getNativeTypeFactory().createLinkedType((PlanarImg) img));
        return new HyperImage<>(img,
                (c, z, t) -> planeFactory.of(stack.getPixels(imp.getStackIndex(c + 1, z + 1, t + 1)), w, h),
                metadata);
    }

    private static HyperImage<UnsignedByteType> rgb(ImagePlus imp, ImageMetadata metadata) {
        int w = imp.getWidth();
        int h = imp.getHeight();
        int nz = imp.getNSlices();
        int nt = imp.getNFrames();
        ImageStack stack = imp.getStack();
        List<IntArray> planes = stackPlanes(stack, p -> new IntArray((int[]) p));
        PlanarImg<ARGBType, IntArray> argb = new PlanarImg<>(planes, new long[] { w, h, nz, nt }, new Fraction());
        argb.setLinkedType(new ARGBType(argb));
        // argbChannels puts the colour axis last: (X, Y, Z, T, C) -> (X, Y, C, Z, T).
        RandomAccessibleInterval<UnsignedByteType> channels = Converters.argbChannels(argb, 1, 2, 3);
        RandomAccessibleInterval<UnsignedByteType> xyczt = Views.moveAxis(channels, 4, 2);
        return new HyperImage<>(xyczt,
                (c, z, t) -> new RgbChannelPlane((int[]) stack.getPixels(imp.getStackIndex(1, z + 1, t + 1)), w, h, 0,
                        c),
                metadata);
    }

    private static <A> List<A> stackPlanes(ImageStack stack, Function<Object, A> access) {
        List<A> planes = new ArrayList<>(stack.getSize());
        for (int i = 1; i <= stack.getSize(); i++) {
            planes.add(access.apply(stack.getPixels(i)));
        }
        return planes;
    }
}
