package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    record Sources(Path pluginJar, Path projectPom, Path dependencies, FijiLibraries fiji, Path scripts, Path models) {
    }

    static SiteContents collect(Sources sources) throws IOException {
        List<MavenArtifact> runtime = DependencyFolder.read(sources.dependencies());
        // Only libraries Maven actually resolved count as dependencies: a pom may name one that another pom excluded.
        Map<String, MavenArtifact> resolved = new HashMap<>();
        runtime.forEach(a -> resolved.putIfAbsent(a.key(), a));

        List<SiteFile> files = new ArrayList<>();
        List<MavenArtifact> shipped = new ArrayList<>();
        List<MavenArtifact> leftToFiji = new ArrayList<>();

        PomFile project = PomFile.read(sources.projectPom());
        Path jar = sources.pluginJar();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("No plugin jar " + jar + ": the update site is made after the package phase");
        }
        String pluginPath = "jars/" + jar.getFileName();
        files.add(new SiteFile(pluginPath, jar, project.description(), dependencyPaths(project, resolved),
                project.url().stream().toList(), project.authors()));

        for (MavenArtifact artifact : runtime) {
            if (sources.fiji().ships(artifact.key())) {
                leftToFiji.add(artifact);
                continue;
            }
            PomFile pom = PomFile.read(artifact.pom().orElseThrow(() -> new IOException(
                    "No pom beside " + artifact.jar() + ": copy the dependencies with copyPom")));
            files.add(new SiteFile(artifact.sitePath(), artifact.jar(), pom.description(),
                    dependencyPaths(pom, resolved), pom.url().stream().toList(), pom.authors()));
            shipped.add(artifact);
        }

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

    /** A pom's runtime dependencies as the updater names them: {@code jars/<artifactId>.jar}. */
    private static List<String> dependencyPaths(PomFile pom, Map<String, MavenArtifact> resolved) {
        return pom.runtimeDependencies().stream().map(resolved::get).filter(a -> a != null)
                .map(a -> SiteNames.unversioned(a.sitePath())).distinct().toList();
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
