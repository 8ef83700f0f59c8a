package io.github.imagejgan.metrics.distribution;

import java.nio.FloatBuffer;
import java.util.List;

import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.task.UserException;

/**
 * An image plane as an ImageNet feature network sees it: three colour channels of {@code size x size} pixels with
 * values in [0, 1], row-major per channel (CHW). The network maps [0, 1] into its own input convention.
 *
 * <ul>
 * <li>Grayscale planes of any type (8-, 16-, 32-bit) are normalized by their own 1st and 99.8th percentiles (CARE's
 * defaults, as the restoration networks use), clipped to [0, 1], and copied into all three channels. Each plane is
 * normalized alone, so a generated image that is only brighter or dimmer than its real counterparts is not told
 * apart from them: the metrics compare structure and texture, not calibration.</li>
 * <li>RGB planes keep their colours: 0..255 maps to [0, 1].</li>
 * <li>The plane is then resized to {@code size x size} with bilinear interpolation, averaging when it shrinks (so
 * fine detail does not alias); a non-square image is stretched, as torch-fidelity and clean-fid do.</li>
 * </ul>
 */
public final class NetworkInput {

    /** The percentiles mapped to 0 and 1 for grayscale planes. */
    public static final PercentileNormalizer NORMALIZATION = PercentileNormalizer.DEFAULT;

    private static final LinearMap EIGHT_BIT = new LinearMap(0f, 1f / 255f);

    private NetworkInput() {
    }

    /** A grayscale plane, percentile-normalized and replicated into three channels. */
    public static float[] gray(PlaneAccess plane, int size) {
        IntensityRange range = NORMALIZATION.fit(List.of(plane));
        float[] channel = resized(plane, range.normalizing(), size);
        float[] input = new float[3 * channel.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(channel, 0, input, c * channel.length, channel.length);
        }
        return input;
    }

    /** The red, green and blue planes of an 8-bit colour image. */
    public static float[] rgb(List<PlaneAccess> redGreenBlue, int size) {
        if (redGreenBlue.size() != 3) {
            throw new UserException("A colour image has three planes, got " + redGreenBlue.size() + ".");
        }
        float[] input = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            float[] channel = resized(redGreenBlue.get(c), EIGHT_BIT, size);
            System.arraycopy(channel, 0, input, c * channel.length, channel.length);
        }
        return input;
    }

    private static float[] resized(PlaneAccess plane, LinearMap map, int size) {
        if (size < 1) {
            throw new UserException("The network input size must be positive, got " + size + ".");
        }
        int w = plane.width();
        int h = plane.height();
        float[] pixels = new float[w * h];
        FloatBuffer buffer = FloatBuffer.wrap(pixels);
        for (int y = 0; y < h; y++) {
            plane.readRow(y, 0, w, buffer, y * w, map);
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.min(1f, Math.max(0f, pixels[i]));
        }
        if (w == size && h == size) {
            return pixels;
        }
        FloatProcessor fp = new FloatProcessor(w, h, pixels);
        fp.setInterpolationMethod(ImageProcessor.BILINEAR);
        float[] out = (float[]) fp.resize(size, size, true).getPixels();
        // Interpolation stays within the input's range up to rounding; keep the promise of [0, 1] exactly.
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, out[i]));
        }
        return out;
    }
}
