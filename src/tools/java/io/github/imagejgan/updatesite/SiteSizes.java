package io.github.imagejgan.updatesite;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a release installs for every platform, file by file with its size and in totals by kind ("4 jars, 5.1 MB"):
 * the numbers the README's install section would otherwise state by hand and let go stale.
 */
final class SiteSizes {

    private SiteSizes() {
    }

    static void report(Release release, PrintStream out) {
        List<PluginRecord> installed = release.records().stream()
                .filter(r -> r.platforms().isEmpty() && r.current().isPresent()).toList();
        out.println("Installed for every platform:" + (installed.isEmpty() ? " none" : ""));
        Map<String, long[]> kinds = new TreeMap<>();
        for (PluginRecord record : installed) {
            long size = record.current().get().filesize();
            out.printf(Locale.ROOT, "  %s  %.2f MB%n", record.filename(), size / 1e6);
            long[] kind = kinds.computeIfAbsent(kind(record.filename()), k -> new long[2]);
            kind[0]++;
            kind[1] += size;
        }
        if (!kinds.isEmpty()) {
            out.println("  " + String.join("; ", kinds.entrySet().stream().map(e -> String.format(Locale.ROOT,
                    "%d %s, %.1f MB", e.getValue()[0], e.getValue()[0] == 1 ? e.getKey().replaceFirst("s$", "")
                            : e.getKey(), e.getValue()[1] / 1e6)).toList()));
        }
    }

    /** "jars", "models" or "scripts": the first folder of the path inside Fiji.app. */
    private static String kind(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
