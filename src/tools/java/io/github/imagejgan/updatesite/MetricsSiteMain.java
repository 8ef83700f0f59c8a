package io.github.imagejgan.updatesite;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Command line of the optional "ImageJ-GAN Distribution Metrics" site ({@link MetricsSite}), run by
 * {@code mvn -B -P update-site,metrics-site clean package}.
 *
 * <pre>
 * --dependencies=DIR        full runtime dependencies in Maven repository layout, with poms
 * --main-dependencies=DIR   the main site's runtime dependencies (left out here)
 * --natives=DIR             native jars for every platform, Maven file names
 * --fiji-pom=...pom         pom-scijava: the libraries Fiji provides
 * --ship-managed=g:a,g:a    libraries pom-scijava manages that Fiji's core does not install
 * --out=DIR                 the site folder to write
 * --previous=PATH --timestamp=yyyyMMddHHmmss   as for the main site
 * </pre>
 */
public final class MetricsSiteMain {

    private static final Set<String> REQUIRED = Set.of("dependencies", "main-dependencies", "natives", "fiji-pom",
            "ship-managed", "out");

    private MetricsSiteMain() {
    }

    public static void main(String[] args) {
        UpdateSiteMain.run(args, REQUIRED, options -> new MetricsSite.Sources(
                UpdateSiteMain.path(options, "dependencies"), UpdateSiteMain.path(options, "main-dependencies"),
                UpdateSiteMain.path(options, "natives"),
                FijiLibraries.read(UpdateSiteMain.path(options, "fiji-pom")), keys(options.get("ship-managed"))));
    }

    /** {@code g:a,g:a} as a set; blanks ignored. */
    static Set<String> keys(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
