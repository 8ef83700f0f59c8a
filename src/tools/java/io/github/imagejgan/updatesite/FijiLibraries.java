package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.w3c.dom.Element;

/**
 * The libraries Fiji already ships, taken to be those pom-scijava manages: the build imports pom-scijava so that each
 * such library has the version Fiji has. The site must not ship its own copy of any of them: two versions of gson or
 * jna on Fiji's class path break other plugins, and the updater would show Fiji's own jar as overridden.
 */
final class FijiLibraries {

    private final Set<String> managed;

    private FijiLibraries(Set<String> managed) {
        this.managed = managed;
    }

    static FijiLibraries read(Path pomScijava) throws IOException {
        Element project;
        try (InputStream in = Files.newInputStream(pomScijava)) {
            project = Xml.parse(in, pomScijava.toString());
        }
        Element dependencies = Xml.path(project, "dependencyManagement", "dependencies")
                .orElseThrow(() -> new IOException(pomScijava + " manages no dependencies: is it pom-scijava?"));
        Set<String> managed = new TreeSet<>();
        for (Element dependency : Xml.children(dependencies, "dependency")) {
            String groupId = Xml.text(dependency, "groupId").orElse("");
            String artifactId = Xml.text(dependency, "artifactId").orElse("");
            if (groupId.contains("${") || artifactId.contains("${") || groupId.isEmpty() || artifactId.isEmpty()) {
                throw new IOException(pomScijava + ": cannot read the managed dependency " + groupId + ":"
                        + artifactId);
            }
            managed.add(groupId + ":" + artifactId);
        }
        return new FijiLibraries(managed);
    }

    /** Whether Fiji ships this library ({@code groupId:artifactId}). */
    boolean ships(String key) {
        return managed.contains(key);
    }

    /**
     * The paths without version under which these libraries sit in Fiji.app ({@code jars/gson.jar}): what a
     * dependency in db.xml.gz may name without the site shipping it.
     */
    Set<String> unversionedPaths() {
        Set<String> paths = new TreeSet<>();
        for (String key : managed) {
            paths.add("jars/" + key.substring(key.indexOf(':') + 1) + ".jar");
        }
        return paths;
    }
}
