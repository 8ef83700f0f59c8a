package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides what goes on the site: the plugin jar, each runtime library Fiji does not ship already, the example scripts
 * and the shipped model packages. Libraries Fiji ships are listed as dependencies only.
 *
 * @param files what the site ships
 * @param shippedLibraries runtime libraries the site ships
 * @param fijiLibraries runtime libraries left to Fiji
 */
record SiteContents(List<SiteFile> files, List<MavenArtifact> shippedLibraries, List<MavenArtifact> fijiLibraries) {

    /** The folder of scripts/ that Fiji turns into menu entries; the only one shipped. */
    static final String SHIPPED_SCRIPTS = "Plugins";

    /**
     * @param pluginJar the jar the build made
     * @param projectPom the plugin's pom.xml, for its description and direct dependencies
     * @param dependencies runtime dependencies in repository layout ({@link DependencyFolder})
     * @param scripts the repository's scripts/ folder; may not exist
     * @param models the repository's models/ folder; may not exist
     */
    record Sources(Path pluginJar, Path projectPom, Path dependencies, FijiLibraries fiji, Path scripts, Path models)
            implements Source {

        @Override
        public SiteContents collect() throws IOException {
            return SiteContents.collect(this);
        }
    }

    /** What a site is made of, read from the build's outputs when the site is generated. */
    interface Source {
        SiteContents collect() throws IOException;
    }

    static SiteContents collect(Sources sources) throws IOException {
        List<MavenArtifact> runtime = DependencyFolder.read(sources.dependencies());
        Map<String, MavenArtifact> resolved = mainJars(runtime);

        List<SiteFile> files = new ArrayList<>();
        List<MavenArtifact> shipped = new ArrayList<>();
        List<MavenArtifact> leftToFiji = new ArrayList<>();

        PomFile project = PomFile.read(sources.projectPom());
        Path jar = sources.pluginJar();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("No plugin jar " + jar + ": the update site is made after the package phase");
        }
        for (MavenArtifact artifact : runtime) {
            (sources.fiji().ships(artifact.key()) ? leftToFiji : shipped).add(artifact);
        }
        Map<String, String> paths = libraryPaths(shipped, sources.fiji().unversionedPaths());
        String pluginPath = "jars/" + jar.getFileName();
        files.add(new SiteFile(pluginPath, jar, project.description(), dependencyPaths(project, resolved, paths),
                project.url().stream().toList(), project.authors()));
        files.addAll(libraryFiles(shipped, resolved, paths));

        String plugin = SiteNames.unversioned(pluginPath);
        for (Path script : scripts(sources.scripts())) {
            String relative = sources.scripts().relativize(script).toString().replace('\\', '/');
            String kind = relative.endsWith(".ijm") ? "Example macro" : "Example Jython script";
            files.add(new SiteFile("scripts/" + relative, script, Optional.of(kind + " for imagej-gan"),
                    List.of(plugin), List.of(), List.of()));
        }
        for (Path model : models(sources.models())) {
            files.add(new SiteFile("models/imagej-gan/" + model.getFileName(), model,
                    Optional.of("imagej-gan model package"), List.of(plugin), List.of(), List.of()));
        }
        return new SiteContents(List.copyOf(files), List.copyOf(shipped), List.copyOf(leftToFiji));
    }

    /** The main jar of each resolved library by {@code groupId:artifactId}: what a pom's dependency resolves to. */
    static Map<String, MavenArtifact> mainJars(List<MavenArtifact> runtime) {
        Map<String, MavenArtifact> resolved = new HashMap<>();
        runtime.stream().filter(a -> a.classifier().isEmpty()).forEach(a -> resolved.put(a.key(), a));
        return resolved;
    }

    /**
     * Where each shipped main jar goes, by key: {@code jars/<Maven file name>}, unless its name without version is
     * taken already (by a Fiji library or another shipped jar), as ND4J's shaded {@code org.nd4j:guava} would take
     * Fiji's {@code jars/guava.jar}: the updater would then treat the two as versions of one file and replace Fiji's
     * Guava. Such a jar gets the last part of its group in front ({@code jars/nd4j-guava-1.0.0-M2.1.jar}).
     *
     * @param taken paths without version that are not this site's to use
     */
    static Map<String, String> libraryPaths(List<MavenArtifact> shipped, Set<String> taken) throws IOException {
        Set<String> used = new HashSet<>(taken);
        Map<String, String> paths = new LinkedHashMap<>();
        for (MavenArtifact artifact : shipped) {
            if (artifact.classifier().isPresent()) {
                continue;
            }
            String path = artifact.sitePath();
            if (used.contains(SiteNames.unversioned(path))) {
                String group = artifact.groupId().substring(artifact.groupId().lastIndexOf('.') + 1);
                path = "jars/" + group + "-" + artifact.jar().getFileName();
            }
            if (!used.add(SiteNames.unversioned(path))) {
                throw new IOException(artifact + " would be installed as " + path + ", which another file already is");
            }
            paths.put(artifact.key(), path);
        }
        return paths;
    }

    /**
     * The site files of libraries, with description, links and authors from each pom and its runtime dependencies
     * as paths without version. A native jar (classifier {@code linux-x86_64}, ...) goes to its platform's folder,
     * marked for that platform, and depends on its main jar.
     *
     * @param resolved every resolved main jar, to name dependencies the site does not ship
     * @param paths the path of each shipped main jar ({@link #libraryPaths})
     */
    static List<SiteFile> libraryFiles(List<MavenArtifact> shipped, Map<String, MavenArtifact> resolved,
            Map<String, String> paths) throws IOException {
        List<SiteFile> files = new ArrayList<>();
        for (MavenArtifact artifact : shipped) {
            PomFile pom = PomFile.read(artifact.pom().orElseThrow(() -> new IOException(
                    "No pom beside " + artifact.jar() + ": copy the dependencies with copyPom")));
            if (artifact.classifier().isEmpty()) {
                files.add(new SiteFile(paths.get(artifact.key()), artifact.jar(), pom.description(),
                        dependencyPaths(pom, resolved, paths), pom.url().stream().toList(), pom.authors()));
                continue;
            }
            String classifier = artifact.classifier().get();
            String platform = NativePlatforms.fijiPlatform(classifier).orElseThrow(() -> new IOException(
                    artifact + " is platform-specific, but " + classifier + " names no platform Fiji knows ("
                            + NativePlatforms.classifiers() + ")"));
            String main = paths.get(artifact.key());
            if (main == null) {
                throw new IOException(artifact + " is the native part of a library this site does not ship");
            }
            String description = pom.description().map(d -> d + ": native build for " + classifier)
                    .orElse("Native build for " + classifier);
            files.add(new SiteFile(NativePlatforms.sitePath(classifier, artifact.jar().getFileName().toString()),
                    artifact.jar(), List.of(platform), Optional.of(description), List.of(SiteNames.unversioned(main)),
                    pom.url().stream().toList(), pom.authors()));
        }
        return files;
    }

    /** A pom's runtime dependencies as the updater names them: {@code jars/<artifactId>.jar}. */
    private static List<String> dependencyPaths(PomFile pom, Map<String, MavenArtifact> resolved,
            Map<String, String> paths) {
        return pom.runtimeDependencies().stream().filter(resolved::containsKey)
                .map(key -> SiteNames.unversioned(paths.getOrDefault(key, resolved.get(key).sitePath())))
                .distinct().toList();
    }

    /**
     * The macros and Jython scripts under scripts/Plugins, which Fiji puts in its Plugins menu. The rest of scripts/
     * (training, evaluation, benchmarks, test-resource generators) is for developers and stays off the site.
     */
    private static List<Path> scripts(Path folder) throws IOException {
        Path menu = folder.resolve(SHIPPED_SCRIPTS);
        if (!Files.isDirectory(menu)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(menu)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".ijm") || p.toString().endsWith(".py")).sorted().toList();
        }
    }

    private static List<Path> models(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
    }
}
