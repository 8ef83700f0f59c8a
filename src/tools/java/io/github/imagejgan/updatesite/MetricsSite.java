package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The optional second site, "ImageJ-GAN Distribution Metrics": the Deeplearning4j/ND4J libraries behind FID, KID and
 * IS, with the native builds of ND4J, OpenBLAS and JavaCPP for each platform as platform-specific files. Users who
 * never compute those metrics follow only the main site and download none of it (88 to 161 MB,
 * depending on the platform).
 *
 * <p>It ships what the plugin's full runtime class path holds beyond the main site's: every library that neither the
 * main site nor Fiji provides, plus those libraries pom-scijava manages that Fiji's core does not install
 * ({@code shipManaged}: JavaCPP and OpenBLAS, whose versions pom-scijava fixes for the Fiji sites that use them).
 * Maven resolves native jars only for the build's own platform; those tell which libraries have native parts, and the
 * builds for every platform come from a separate folder ({@code natives}), where each must be present for each
 * platform.
 */
final class MetricsSite {

    /**
     * @param dependencies the full runtime dependencies in repository layout, the optional set included
     * @param mainDependencies the main site's runtime dependencies (the same folder the main site is made from)
     * @param natives the native jars for every platform, Maven file names in one folder
     * @param shipManaged libraries ({@code groupId:artifactId}) pom-scijava manages that this site ships anyway
     */
    record Sources(Path dependencies, Path mainDependencies, Path natives, FijiLibraries fiji, Set<String> shipManaged)
            implements SiteContents.Source {

        Sources {
            shipManaged = Set.copyOf(shipManaged);
        }

        @Override
        public SiteContents collect() throws IOException {
            return MetricsSite.collect(this);
        }
    }

    private MetricsSite() {
    }

    static SiteContents collect(Sources sources) throws IOException {
        List<MavenArtifact> runtime = DependencyFolder.read(sources.dependencies());
        List<MavenArtifact> main = DependencyFolder.read(sources.mainDependencies());
        Set<String> mainKeys = main.stream().map(MavenArtifact::key).collect(Collectors.toSet());
        Set<String> runtimeKeys = runtime.stream().map(MavenArtifact::key).collect(Collectors.toSet());
        for (String key : sources.shipManaged()) {
            if (!runtimeKeys.contains(key) || !sources.fiji().ships(key)) {
                throw new IOException(key + " is listed to ship although pom-scijava manages it, but it is "
                        + (runtimeKeys.contains(key) ? "not managed by pom-scijava" : "not a runtime dependency")
                        + ": update the list");
            }
        }

        List<MavenArtifact> shipped = new ArrayList<>();
        List<MavenArtifact> leftToFiji = new ArrayList<>();
        List<MavenArtifact> withNatives = new ArrayList<>();
        for (MavenArtifact artifact : runtime) {
            if (mainKeys.contains(artifact.key())) {
                continue;
            }
            if (artifact.classifier().isPresent()) {
                withNatives.add(artifact);
            } else if (sources.fiji().ships(artifact.key()) && !sources.shipManaged().contains(artifact.key())) {
                leftToFiji.add(artifact);
            } else {
                shipped.add(artifact);
            }
        }
        if (shipped.isEmpty()) {
            throw new IOException(sources.dependencies() + " holds nothing beyond the main site and Fiji: was it copied"
                    + " with the optional Deeplearning4j dependencies?");
        }
        Set<String> shippedKeys = shipped.stream().map(MavenArtifact::key).collect(Collectors.toSet());
        Map<String, MavenArtifact> nativeParts = new LinkedHashMap<>();
        for (MavenArtifact part : withNatives) {
            String classifier = part.classifier().orElseThrow();
            if (NativePlatforms.fijiPlatform(classifier).isEmpty()) {
                throw new IOException(part + " is platform-specific, but " + classifier + " names no platform Fiji"
                        + " knows (" + NativePlatforms.classifiers() + ")");
            }
            if (shippedKeys.contains(part.key())) {
                nativeParts.putIfAbsent(part.key(), part);
            }
        }

        Set<String> taken = new HashSet<>(sources.fiji().unversionedPaths());
        main.forEach(a -> taken.add(SiteNames.unversioned(a.sitePath())));
        // A managed library shipped here keeps Fiji's name for it, so that it is one file with other sites' copies.
        sources.shipManaged().forEach(key -> taken.remove("jars/" + key.substring(key.indexOf(':') + 1) + ".jar"));
        Map<String, String> paths = SiteContents.libraryPaths(shipped, taken);
        List<MavenArtifact> libraries = new ArrayList<>(shipped);
        libraries.addAll(nativeBuilds(sources.natives(), List.copyOf(nativeParts.values())));
        List<SiteFile> files = SiteContents.libraryFiles(libraries, SiteContents.mainJars(runtime), paths);
        return new SiteContents(files, List.copyOf(libraries), List.copyOf(leftToFiji));
    }

    /**
     * Every platform's build of each native part. The platforms are those the folder holds; each native part must be
     * there for each of them, and nothing else may be, so that a stale or partial copy fails here instead of on a
     * user's machine.
     */
    static List<MavenArtifact> nativeBuilds(Path folder, List<MavenArtifact> nativeParts) throws IOException {
        if (nativeParts.isEmpty()) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("No folder of native builds " + folder + ": the metrics-site profile copies them");
        }
        Set<String> present;
        try (Stream<Path> list = Files.list(folder)) {
            present = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> platforms = new TreeSet<>();
        for (MavenArtifact part : nativeParts) {
            for (String classifier : NativePlatforms.classifiers()) {
                if (present.contains(fileName(part, classifier))) {
                    platforms.add(classifier);
                }
            }
        }
        if (platforms.isEmpty()) {
            throw new IOException(folder + " holds no native build of " + nativeParts.get(0).artifactId());
        }
        List<MavenArtifact> builds = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (MavenArtifact part : nativeParts) {
            for (String classifier : platforms) {
                String name = fileName(part, classifier);
                if (!present.contains(name)) {
                    missing.add(name);
                    continue;
                }
                used.add(name);
                builds.add(new MavenArtifact(part.groupId(), part.artifactId(), part.version(),
                        Optional.of(classifier), folder.resolve(name), part.pom()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(folder + " lacks " + missing + ": every native part is needed for every platform "
                    + platforms + " (the metrics-site profile lists them)");
        }
        present.removeAll(used);
        if (!present.isEmpty()) {
            throw new IOException(folder + " holds " + present + ", which no resolved library needs: run mvn clean,"
                    + " and keep the profile's list of native builds in step with the resolved versions");
        }
        return builds;
    }

    private static String fileName(MavenArtifact part, String classifier) {
        return part.artifactId() + "-" + part.version() + "-" + classifier + ".jar";
    }
}
