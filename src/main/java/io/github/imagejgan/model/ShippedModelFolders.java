package io.github.imagejgan.model;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the models shipped with the plugin are looked for; the first rule that names a folder decides:
 * <ol>
 * <li>the folders of the system property {@code imagejgan.shipped.models} (path-separated), which
 * {@code scripts/imagej-gan} sets to the checkout's {@code models/} and the ImageJ 1.x bridge to ImageJ's folders;</li>
 * <li>{@code <application>/models/imagej-gan}, where the property {@code imagej.dir} (set by Fiji's launcher) or
 * {@code ij.dir} names the application's folder;</li>
 * <li>{@code models/} beside the plugin's jar, then in the folder above it: {@code java -jar} on an unpacked release
 * whose {@code models/} lies beside the jar, or on {@code target/imagej-gan-<version>.jar} in a checkout.</li>
 * </ol>
 */
final class ShippedModelFolders {

    static final String PROPERTY = "imagejgan.shipped.models";

    private ShippedModelFolders() {
    }

    /** The folders for this JVM's properties and the jar this class was loaded from. */
    static List<Path> standard() {
        return of(System::getProperty, pluginJar());
    }

    /**
     * @param properties system properties by name (null where not set)
     * @param pluginJar the jar holding the plugin's classes; empty when they come from a folder (tests, IDEs)
     */
    static List<Path> of(UnaryOperator<String> properties, Optional<Path> pluginJar) {
        List<Path> folders = new ArrayList<>();
        String listed = properties.apply(PROPERTY);
        if (listed != null && !listed.isBlank()) {
            for (String folder : listed.split(File.pathSeparator)) {
                if (!folder.isBlank()) {
                    folders.add(Path.of(folder.strip()));
                }
            }
            return folders;
        }
        String application = properties.apply("imagej.dir");
        if (application == null || application.isBlank()) {
            application = properties.apply("ij.dir");
        }
        if (application != null && !application.isBlank()) {
            return List.of(Path.of(application, "models", "imagej-gan"));
        }
        if (pluginJar.isPresent()) {
            Path beside = pluginJar.get().toAbsolutePath().getParent();
            folders.add(beside.resolve("models"));
            if (beside.getParent() != null) {
                folders.add(beside.getParent().resolve("models"));
            }
        }
        return folders;
    }

    private static Optional<Path> pluginJar() {
        try {
            CodeSource source = ShippedModelFolders.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            return location != null && Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            // NB: a class loader without a file location (a web start, a shaded launcher) has no jar to look beside.
            return Optional.empty();
        }
    }
}
