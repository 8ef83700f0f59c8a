package io.github.imagejgan.model;

import java.nio.file.Path;

/**
 * A model the registry knows.
 *
 * @param name       how users choose it (its file name without {@code .zip})
 * @param file       the package
 * @param shipped    installed with the plugin (read-only) rather than imported or trained by the user
 * @param descriptor its {@code model.json}
 */
public record ModelEntry(String name, Path file, boolean shipped, ModelDescriptor descriptor) {
}
