package io.github.imagejgan.interop.bioimageio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ProcessingStep;

/** The documents of an exported bioimage.io model: its README and its cover image. */
final class ExportDocuments {

    private ExportDocuments() {
    }

    /**
     * @param origin for a model imported from bioimage.io, a sentence on where it comes from and whose it is; null
     *               for a model trained here
     */
    static String readme(ModelDescriptor d, String description, DeclaredProcessing processing, List<String> notes,
            String origin) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(d.name()).append("\n\n").append(description).append("\n\n");
        if (origin != null) {
            s.append(origin).append("\n\n");
        }
        s.append("Exported from an imagej-gan model package (task: ").append(d.task().id()).append(", network: ")
                .append(d.generator().type()).append(", ").append(d.inputChannels()).append(" channel(s) in, ")
                .append(d.outputChannels()).append(" out, scale ").append(d.scale()).append(").\n\n");
        s.append("## Processing\n\n");
        for (ProcessingStep step : processing.preprocessing()) {
            s.append("- preprocessing: ").append(step).append('\n');
        }
        for (ProcessingStep step : processing.postprocessing()) {
            s.append("- postprocessing: ").append(step).append('\n');
        }
        for (String note : notes) {
            s.append("\n").append(note).append('\n');
        }
        if (origin == null) {
            training(s, d);
        }
        return s.toString();
    }

    private static void training(StringBuilder s, ModelDescriptor d) {
        s.append("\n## Training\n\n");
        ModelDescriptor.Provenance p = d.provenance();
        s.append("- data: ").append(p.data().isBlank() ? "not recorded" : p.data()).append('\n');
        s.append("- steps: ").append(p.steps()).append(", seed: ").append(p.seed()).append('\n');
        if (!p.startedFrom().isBlank()) {
            s.append("- started from: ").append(p.startedFrom()).append('\n');
        }
        s.append("- software: ").append(p.software().isBlank() ? "imagej-gan" : p.software()).append('\n');
        s.append("\n## Validation\n\n");
        if (d.metrics().isEmpty()) {
            s.append("No evaluation was recorded with this model. Check its results against ground truth before ")
                    .append("relying on them.\n");
        } else {
            d.metrics().forEach((k, v) -> s.append("- ").append(k).append(": ")
                    .append(String.format(Locale.ROOT, "%.4g", v)).append('\n'));
        }
    }

    /** Input and output side by side, first channel, each stretched to 8 bits, at the output's size. */
    static byte[] cover(TensorPlanes input, TensorPlanes output) throws IOException {
        int w = output.width();
        int h = output.height();
        BufferedImage image = new BufferedImage(2 * w, h, BufferedImage.TYPE_BYTE_GRAY);
        paint(image, input, 0, w, h);
        paint(image, output, w, w, h);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private static void paint(BufferedImage image, TensorPlanes planes, int left, int w, int h) {
        float[] p = planes.planes()[0];
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : p) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max > min ? max - min : 1;
        var raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = x * planes.width() / w;
                int sy = y * planes.height() / h;
                raster.setSample(left + x, y, 0, Math.round((p[sy * planes.width() + sx] - min) / range * 255));
            }
        }
    }
}
