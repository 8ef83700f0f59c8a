package io.github.imagejgan.updatesite;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where platform-specific jars go in Fiji.app. Maven names a native build by its JavaCPP classifier
 * ({@code linux-x86_64}); Fiji keeps such jars in {@code jars/<platform>/} under the updater's own platform name
 * ({@code jars/linux64/}), puts only the running platform's folder on the class path, and its updater installs a file
 * only on the platforms its {@code <platform>} elements name.
 */
final class NativePlatforms {

    /** JavaCPP classifier to the updater's platform name (its Platforms class). */
    private static final Map<String, String> FIJI_PLATFORM = new TreeMap<>(Map.of(
            "linux-x86_64", "linux64",
            "linux-arm64", "linux-arm64",
            "windows-x86_64", "win64",
            "macosx-x86_64", "macos64",
            "macosx-arm64", "macos-arm64"));

    private NativePlatforms() {
    }

    /** The updater's platform for a Maven classifier; empty when the classifier names no known native build. */
    static Optional<String> fijiPlatform(String classifier) {
        return Optional.ofNullable(FIJI_PLATFORM.get(classifier));
    }

    static Set<String> classifiers() {
        return FIJI_PLATFORM.keySet();
    }

    /** The updater's name for the platform this JVM runs on, as its Platforms.current() derives it. */
    static String current() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        String family = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos" : os.startsWith("win")
                ? "win" : os;
        String bits = switch (arch) {
            case "amd64", "x86_64", "x86-64", "x64" -> "64";
            case "aarch64" -> "-arm64";
            default -> "-" + arch;
        };
        return family + bits;
    }

    /** The path of a native jar in Fiji.app: {@code jars/<platform>/<Maven file name>}. */
    static String sitePath(String classifier, String fileName) {
        String platform = fijiPlatform(classifier).orElseThrow(() -> new IllegalArgumentException(
                "No Fiji platform for the classifier " + classifier + "; known: " + classifiers()));
        return "jars/" + platform + "/" + fileName;
    }
}
