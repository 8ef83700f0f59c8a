package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Element;

/**
 * What the site's index says about a jar, read from its Maven pom: a description, a link, the authors, and the
 * libraries it needs at run time ({@code groupId:artifactId} of its direct dependencies).
 */
record PomFile(String groupId, String artifactId, Optional<String> description, Optional<String> url,
        List<String> authors, List<String> runtimeDependencies) {

    /** Scopes whose libraries the jar does not need at run time, or that the runtime provides. */
    private static final Set<String> NOT_AT_RUN_TIME = Set.of("test", "provided", "system", "import");

    static PomFile read(Path pom) throws IOException {
        Element project;
        try (InputStream in = Files.newInputStream(pom)) {
            project = Xml.parse(in, pom.toString());
        }
        String groupId = Xml.text(project, "groupId")
                .or(() -> Xml.path(project, "parent").flatMap(parent -> Xml.text(parent, "groupId")))
                .orElseThrow(() -> new IOException(pom + " has no groupId"));
        String artifactId = Xml.text(project, "artifactId")
                .orElseThrow(() -> new IOException(pom + " has no artifactId"));
        Optional<String> description = Xml.text(project, "description").or(() -> Xml.text(project, "name"))
                .map(PomFile::oneLine);
        List<String> authors = new ArrayList<>();
        for (Element developer : Xml.path(project, "developers").map(d -> Xml.children(d, "developer"))
                .orElse(List.of())) {
            Xml.text(developer, "name").map(PomFile::oneLine).ifPresent(authors::add);
        }
        List<String> dependencies = new ArrayList<>();
        for (Element dependency : Xml.path(project, "dependencies").map(d -> Xml.children(d, "dependency"))
                .orElse(List.of())) {
            if (NOT_AT_RUN_TIME.contains(Xml.text(dependency, "scope").orElse("compile"))
                    || Xml.text(dependency, "optional").orElse("false").equals("true")
                    || !Xml.text(dependency, "type").orElse("jar").equals("jar")) {
                continue;
            }
            String depGroup = resolve(Xml.text(dependency, "groupId").orElse(""), groupId, pom);
            String depArtifact = resolve(Xml.text(dependency, "artifactId").orElse(""), groupId, pom);
            dependencies.add(depGroup + ":" + depArtifact);
        }
        return new PomFile(groupId, artifactId, description, Xml.text(project, "url"), authors, dependencies);
    }

    /**
     * Poms published by Maven builds often write a sibling's group as ${project.groupId}; any other property would
     * need Maven's whole model, and is refused rather than guessed.
     */
    private static String resolve(String value, String projectGroupId, Path pom) throws IOException {
        String resolved = value.replace("${project.groupId}", projectGroupId);
        if (resolved.isEmpty() || resolved.contains("${")) {
            throw new IOException(pom + ": cannot tell which library the dependency '" + value + "' is");
        }
        return resolved;
    }

    /** Pom texts are indented XML; the updater shows them on one line. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
