package io.github.imagejgan.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A model the registry knows.
 *
 * @param name       how users choose it (its file name without {@code .zip})
 * @param file       the package
 * @param shipped    installed with the plugin (read-only) rather than imported or trained by the user
 * @param descriptor its {@code model.json}
 */
public record ModelEntry(String name, Path file, boolean shipped, ModelDescriptor descriptor) {

    /** Everything model.json says, for people (Manage Models' information, {@code imagej-gan models info}). */
    public String summary() {
        ModelDescriptor d = descriptor;
        StringBuilder s = new StringBuilder();
        s.append("Name: ").append(name).append(shipped ? " (shipped)" : " (user)").append('\n');
        s.append("File: ").append(file).append('\n');
        s.append("Task: ").append(d.task().id()).append('\n');
        s.append("Description: ").append(d.description()).append('\n');
        s.append("Channels: ").append(d.imageChannels()).append(" in, ").append(d.outputChannels()).append(" out; ")
                .append("scale x").append(d.scale()).append('\n');
        s.append("Network: ").append(d.generator().type()).append(' ')
                .append(d.generator().toString().replaceFirst("^\\w+", "")).append('\n');
        s.append(String.format(Locale.ROOT, "Normalization: percentiles %.1f-%.1f%n",
                d.normalization().lowPercentile(), d.normalization().highPercentile()));
        s.append("Tiling: ").append(d.tiling().tileSize()).append(" px tiles, halo ").append(d.tiling().halo())
                .append(", blend ").append(d.tiling().overlap()).append('\n');
        ModelDescriptor.Provenance p = d.provenance();
        s.append("Training data: ").append(p.data()).append('\n');
        if (!p.degradation().isEmpty()) {
            s.append("Degradation: ").append(p.degradation()).append('\n');
        }
        s.append(String.format(Locale.ROOT, "Training: %d steps, seed %d, %.0f s; created %s with %s%n", p.steps(),
                p.seed(), p.trainingSeconds(), p.created(), p.software()));
        if (!p.startedFrom().isBlank()) {
            s.append("Started from: ").append(p.startedFrom()).append('\n');
        }
        for (Map.Entry<String, Double> m : d.metrics().entrySet()) {
            s.append(String.format(Locale.ROOT, "Metric %s: %.3f%n", m.getKey(), m.getValue()));
        }
        return s.toString();
    }
}
