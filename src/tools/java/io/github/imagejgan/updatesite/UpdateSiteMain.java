package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.github.imagejgan.updatesite.UpdateSiteGenerator.Request;
import io.github.imagejgan.updatesite.UpdateSiteGenerator.Result;

/**
 * Command line of the generator, run by {@code mvn -B -P update-site clean package} (see the pom's update-site
 * profile). Options are {@code --name=value}; an empty value means "not given", so that Maven can pass optional
 * properties unconditionally.
 *
 * <pre>
 * --plugin-jar=target/imagej-gan-0.1.0.jar   the jar the build made
 * --pom=pom.xml                              its description, link and direct dependencies
 * --dependencies=DIR                         runtime dependencies in Maven repository layout, with poms
 * --fiji-pom=.../pom-scijava-45.0.0.pom      the libraries Fiji ships
 * --scripts=scripts --models=models          examples and model packages (either folder may be missing)
 * --out=target/update-site                   the site folder to write
 * --previous=PATH                            optional: the previous release's db.xml.gz or site folder
 * --timestamp=yyyyMMddHHmmss                 optional: this release's time (default: now, UTC)
 * --allow-snapshot=true                      optional: let -SNAPSHOT files through (a site only tried out)
 * </pre>
 */
public final class UpdateSiteMain {

    static final Set<String> REQUIRED = Set.of("plugin-jar", "pom", "dependencies", "fiji-pom", "scripts",
            "models", "out");
    private static final Set<String> OPTIONAL = Set.of("previous", "timestamp", "allow-snapshot");

    private UpdateSiteMain() {
    }

    public static void main(String[] args) {
        run(args, REQUIRED, UpdateSiteMain::sources);
    }

    /** The main site's inputs as the options name them. */
    static SiteContents.Sources sources(Map<String, String> options) throws IOException {
        return new SiteContents.Sources(path(options, "plugin-jar"), path(options, "pom"),
                path(options, "dependencies"), FijiLibraries.read(path(options, "fiji-pom")), path(options, "scripts"),
                path(options, "models"));
    }

    /** How a command line names a site's inputs. */
    interface SourceOptions {
        SiteContents.Source read(Map<String, String> options) throws IOException;
    }

    /** Generates a site from {@code --name=value} options, reports it, and exits with 1 on any problem. */
    static void run(String[] args, Set<String> required, SourceOptions sources) {
        try {
            report(release(args, required, sources), System.out);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Update site not written: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Generates a site from {@code --name=value} options; SNAPSHOT files only with {@code --allow-snapshot=true}. */
    static Result release(String[] args, Set<String> required, SourceOptions sources) throws IOException {
        Map<String, String> options = options(args, required);
        SiteContents.Source source = sources.read(options);
        boolean allowSnapshots = Boolean.parseBoolean(options.get("allow-snapshot"));
        return UpdateSiteGenerator.generate(request(options, allowSnapshots ? source
                : SnapshotCheck.refusingSnapshots(source)));
    }

    static Request request(Map<String, String> options, SiteContents.Source sources) {
        Optional<Path> previous = Optional.ofNullable(options.get("previous")).map(Path::of);
        long timestamp = options.containsKey("timestamp") ? Timestamps.parse(options.get("timestamp"))
                : Timestamps.now(Clock.systemUTC());
        return new Request(sources, previous, timestamp, path(options, "out"));
    }

    /** Parses {@code --name=value}; {@code previous}, {@code timestamp}, {@code allow-snapshot} are optional. */
    static Map<String, String> options(String[] args, Set<String> required) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : "";
            if (!required.contains(name) && !OPTIONAL.contains(name)) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; expected --name=value with a name"
                        + " among " + required + " and " + OPTIONAL);
            }
            String value = arg.substring(eq + 1).strip();
            if (!value.isEmpty()) {
                options.put(name, value);
            }
        }
        for (String name : required) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("Missing --" + name + "=...");
            }
        }
        return options;
    }

    static Path path(Map<String, String> options, String name) {
        return Path.of(options.get(name));
    }

    /** What a maintainer checks before uploading: what changed, what users download, which libraries Fiji gives. */
    static void report(Result result, PrintStream out) {
        Release release = result.release();
        out.println("Update site release " + release.timestamp());
        list(out, "New or changed (upload these, then db.xml.gz last)",
                release.uploads().stream().map(u -> u.storedName() + "  (" + u.size() + " bytes)").toList());
        list(out, "Unchanged, kept from the previous release", release.unchanged());
        list(out, "No longer shipped, offered for uninstall", release.removed());
        list(out, "Libraries shipped by the site", result.contents().shippedLibraries().stream()
                .map(MavenArtifact::toString).toList());
        list(out, "Libraries left to Fiji (managed by pom-scijava)", result.contents().fijiLibraries().stream()
                .map(MavenArtifact::toString).toList());
        SiteSizes.report(release, out);
        Set<String> platforms = new TreeSet<>();
        release.records().forEach(r -> platforms.addAll(r.platforms()));
        if (platforms.isEmpty()) {
            downloads(out, release, null);
        }
        for (String platform : platforms) {
            downloads(out, release, platform);
        }
    }

    /** What a new user on a platform downloads: the files for every platform and those for theirs. */
    private static void downloads(PrintStream out, Release release, String platform) {
        List<FileVersion> versions = release.records().stream()
                .filter(r -> platform == null || r.platforms().isEmpty() || r.platforms().contains(platform))
                .flatMap(r -> r.current().stream()).toList();
        long bytes = versions.stream().mapToLong(FileVersion::filesize).sum();
        out.printf("A new user%s downloads %d files, %d bytes (%.1f MB)%n", platform == null ? "" : " on " + platform,
                versions.size(), bytes, bytes / 1e6);
    }

    private static void list(PrintStream out, String title, List<String> items) {
        out.println(title + ":" + (items.isEmpty() ? " none" : ""));
        items.forEach(item -> out.println("  " + item));
    }
}
