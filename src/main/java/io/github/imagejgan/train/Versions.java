package io.github.imagejgan.train;

import io.github.imagejgan.image.DeviceSelector;

/** Versions of this plugin and its engine, for provenance records. */
final class Versions {

    private Versions() {
    }

    static String describe() {
        String plugin = Versions.class.getPackage().getImplementationVersion();
        return "imagej-gan " + (plugin == null ? "development build" : plugin) + ", PyTorch "
                + DeviceSelector.engine().getVersion();
    }
}
