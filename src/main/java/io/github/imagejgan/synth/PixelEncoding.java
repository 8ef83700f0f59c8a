package io.github.imagejgan.synth;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.github.imagejgan.task.UserException;

/**
 * How phantom values become the pixels of an ImageJ image file: {@code pixel = value + offset}, rounded half up and
 * clamped to the type's range for 8- and 16-bit images (so a CT phantom in Hounsfield units is stored as HU + 1024,
 * as scanners do, and fluorescence photons sit above a camera offset so that read noise is not clipped at zero).
 * With a unit, integer images carry an ImageJ calibration {@code value = pixel - offset} so that ImageJ shows the
 * phantom's own units.
 *
 * @param bitDepth 8, 16 or 32
 * @param offset   added before storing; 0 for 32-bit
 * @param unit     unit of the calibrated values (e.g. "HU"), or null for none
 */
public record PixelEncoding(int bitDepth, double offset, String unit) {

    /** 8-bit, values 0..255 stored as they are. */
    public static final PixelEncoding UNSIGNED_8 = new PixelEncoding(8, 0, null);
    /** 16-bit, values 0..65535 stored as they are. */
    public static final PixelEncoding UNSIGNED_16 = new PixelEncoding(16, 0, null);
    /** 32-bit float, values stored exactly. */
    public static final PixelEncoding FLOAT_32 = new PixelEncoding(32, 0, null);

    public PixelEncoding {
        if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) {
            throw new UserException("Bit depth must be 8, 16 or 32, got " + bitDepth);
        }
        if (!Double.isFinite(offset) || (bitDepth == 32 && offset != 0)) {
            throw new UserException("The offset must be finite, and 0 for 32-bit images; got " + offset);
        }
    }

    /** 16-bit with an offset, e.g. {@code unsigned16(1024, "HU")} for CT. */
    public static PixelEncoding unsigned16(double offset, String unit) {
        return new PixelEncoding(16, offset, unit);
    }

    /** The same encoding at another bit depth (32-bit drops the offset and unit). */
    public PixelEncoding withBitDepth(int newBitDepth) {
        return newBitDepth == 32 ? FLOAT_32 : new PixelEncoding(newBitDepth, offset, unit);
    }

    /** A new single-plane ImageJ image holding {@code values}. */
    public ImagePlus toImage(float[] values, int width, int height, String title) {
        if (width < 1 || height < 1 || (long) width * height != values.length) {
            throw new UserException("An image of " + width + "x" + height + " needs " + (long) width
                    * height + " values, got " + values.length);
        }
        ImageProcessor processor = switch (bitDepth) {
            case 8 -> {
                byte[] pixels = new byte[values.length];
                for (int i = 0; i < values.length; i++) {
                    pixels[i] = (byte) quantize(values[i], 255);
                }
                yield new ByteProcessor(width, height, pixels);
            }
            case 16 -> {
                short[] pixels = new short[values.length];
                for (int i = 0; i < values.length; i++) {
                    pixels[i] = (short) quantize(values[i], 65535);
                }
                yield new ShortProcessor(width, height, pixels, null);
            }
            default -> new FloatProcessor(width, height, values.clone());
        };
        ImagePlus image = new ImagePlus(title, processor);
        if (unit != null && bitDepth != 32) {
            Calibration calibration = image.getCalibration();
            calibration.setFunction(Calibration.STRAIGHT_LINE, new double[] { -offset, 1 }, unit);
        }
        processor.resetMinAndMax();
        return image;
    }

    /** The phantom values stored in an image made by {@link #toImage} (pixel minus offset), for checking files. */
    public float[] values(ImagePlus image) {
        if (image.getBitDepth() != bitDepth) {
            throw new UserException("Expected a " + bitDepth + "-bit image, got " + image.getBitDepth()
                    + "-bit");
        }
        ImageProcessor processor = image.getProcessor();
        float[] values = new float[processor.getPixelCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (processor.getf(i) - offset);
        }
        return values;
    }

    private int quantize(float value, int max) {
        double shifted = Math.floor(value + offset + 0.5);
        // NaN compares false everywhere, so it lands on 0 like ImageJ's conversions put it.
        return shifted >= max ? max : (shifted > 0 ? (int) shifted : 0);
    }
}
