package io.github.imagejgan.degrade;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * JPEG compression artefacts (8x8 blocking, ringing at edges, lost fine texture) from a real round trip through the
 * JDK's baseline JPEG codec. The image is mapped linearly from its own minimum..maximum onto {@code levels} of the 8
 * bits' grey values (centred in 0..255), compressed, decoded and mapped back, so the result also carries 8-bit
 * quantization, as a JPEG saved from any image would. With all 255 levels the image is a whole picture; with fewer it
 * is a patch of a larger picture whose range is wider, as every training patch is: a smooth patch spans a few grey
 * values of the file, where JPEG's quantization blocks hardest, and stretched to all 255 it would be spared that. The
 * codec is deterministic, so the seed plays no part.
 *
 * @param quality JPEG quality, 1 (worst) to 100
 * @param levels  the grey values the image's range spans in the 8-bit file, 1 to 255
 */
public record JpegArtifacts(int quality, int levels) implements Degradation {

    public static final String TYPE = "jpeg";

    /** The grey values of a whole picture saved as 8 bits. */
    public static final int ALL_LEVELS = 255;

    public JpegArtifacts {
        if (quality < 1 || quality > 100) {
            throw new UserException("JPEG quality must be 1 to 100, got " + quality);
        }
        if (levels < 1 || levels > ALL_LEVELS) {
            throw new UserException("JPEG levels must be 1 to " + ALL_LEVELS + ", got " + levels);
        }
    }

    /** A whole picture saved at {@code quality}: its range spans all 255 grey values. */
    public JpegArtifacts(int quality) {
        this(quality, ALL_LEVELS);
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        PlaneAccesses.requireSize(image, width, height);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : image) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!Float.isFinite(min) || !Float.isFinite(max)) {
            throw new UserException("JPEG compression needs finite pixel values");
        }
        double scale = max > min ? levels / (double) (max - min) : 0;
        int offset = (ALL_LEVELS - levels) / 2;
        BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < image.length; i++) {
            pixels[i] = (byte) (offset + Math.round((image[i] - min) * scale));
        }
        BufferedImage decoded = roundTrip(gray);
        byte[] back = ((DataBufferByte) decoded.getRaster().getDataBuffer()).getData();
        float[] result = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            result[i] = scale > 0 ? (float) (min + ((back[i] & 0xff) - offset) / scale) : min;
        }
        return new Degraded(result, width, height);
    }

    @Override
    public Map<String, Object> describe() {
        // A whole picture's description stays as it was before the levels existed (packages record it).
        return levels == ALL_LEVELS ? Descriptions.of("type", TYPE, "quality", quality)
                : Descriptions.of("type", TYPE, "quality", quality, "levels", levels);
    }

    private BufferedImage roundTrip(BufferedImage gray) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                writer.write(null, new IIOImage(gray, null, null), param);
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            if (decoded == null || decoded.getType() != BufferedImage.TYPE_BYTE_GRAY) {
                throw new IllegalStateException("The JDK's JPEG codec did not return a gray image");
            }
            return decoded;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip in memory failed", e);
        } finally {
            writer.dispose();
        }
    }
}
