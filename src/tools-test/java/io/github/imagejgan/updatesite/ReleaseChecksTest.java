package io.github.imagejgan.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * What the release command line checks and reports beyond the site itself: no development (SNAPSHOT) build reaches
 * users unless forced, and the sizes of what the site installs come from the build, not from a hand-kept list.
 */
class ReleaseChecksTest {

    @TempDir
    Path dir;

    private String[] arguments(SiteFixture build, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--plugin-jar=" + build.pluginJar, "--pom=" + build.pom,
                "--dependencies=" + build.dependencies, "--fiji-pom=" + build.fijiPom, "--scripts=" + build.scripts,
                "--models=" + build.models, "--out=" + out, "--timestamp=" + SiteFixture.RELEASE_1));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aSnapshotBuildIsRefusedUnlessTheSiteIsOnlyTriedOut() throws IOException {
        SiteFixture build = new SiteFixture(dir.resolve("build"));
        build.pluginJar("0.2.0-SNAPSHOT", "work in progress");
        Path out = dir.resolve("site");
        IOException refused = assertThrows(IOException.class, () -> UpdateSiteMain.release(arguments(build, out,
                "--allow-snapshot=false"), UpdateSiteMain.REQUIRED, UpdateSiteMain::sources));
        assertTrue(refused.getMessage().startsWith("jars/imagej-gan-0.2.0-SNAPSHOT.jar is a development (SNAPSHOT) "
                + "build"), refused.getMessage());
        assertTrue(refused.getMessage().contains("-Dimagejgan.release.allowSnapshot=true"), refused.getMessage());
        assertFalse(Files.exists(out), "nothing written");

        UpdateSiteMain.release(arguments(build, out, "--allow-snapshot=true"), UpdateSiteMain.REQUIRED,
                UpdateSiteMain::sources);
        assertTrue(Files.isRegularFile(out.resolve("jars/imagej-gan-0.2.0-SNAPSHOT.jar-" + SiteFixture.RELEASE_1)));
    }

    @Test
    void theReleaseProfileRefusesSnapshotsByDefault() throws IOException {
        Element project;
        try (InputStream in = Files.newInputStream(Path.of("pom.xml"))) {
            project = Xml.parse(in, "pom.xml");
        }
        Element profile = Xml.children(Xml.child(project, "profiles").orElseThrow(), "profile").stream()
                .filter(p -> Xml.text(p, "id").orElse("").equals("update-site")).findFirst().orElseThrow();
        assertEquals("false", Xml.path(profile, "properties", "imagejgan.release.allowSnapshot")
                .map(Element::getTextContent).orElseThrow());
        List<String> generator = Xml.children(Xml.path(profile, "build", "plugins").orElseThrow(), "plugin").stream()
                .flatMap(p -> Xml.path(p, "executions").stream())
                .flatMap(e -> Xml.children(e, "execution").stream())
                .filter(e -> Xml.text(e, "id").orElse("").equals("update-site"))
                .flatMap(e -> Xml.path(e, "configuration", "arguments").stream())
                .flatMap(a -> Xml.children(a, "argument").stream()).map(Element::getTextContent).toList();
        assertTrue(generator.contains("--allow-snapshot=${imagejgan.release.allowSnapshot}"), generator.toString());
    }

    @Test
    void theReportListsWhatTheSiteInstallsWithSizesMeasuredOnTheBuild() throws IOException {
        SiteFixture build = new SiteFixture(dir.resolve("build"));
        Path out = dir.resolve("site");
        UpdateSiteGenerator.Result result = UpdateSiteMain.release(arguments(build, out), UpdateSiteMain.REQUIRED,
                UpdateSiteMain::sources);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        UpdateSiteMain.report(result, new PrintStream(text, true, StandardCharsets.UTF_8));
        String report = text.toString(StandardCharsets.UTF_8);

        long pluginJar = Files.size(build.pluginJar);
        assertTrue(report.contains(String.format(Locale.ROOT, "  jars/imagej-gan-0.1.0.jar  %.2f MB%n",
                pluginJar / 1e6)), report);
        long jars = 0;
        try (Stream<Path> files = Files.list(out.resolve("jars"))) {
            for (Path jar : files.toList()) {
                jars += Files.size(jar);
            }
        }
        assertTrue(report.contains(String.format(Locale.ROOT, "4 jars, %.1f MB; 2 scripts, ", jars / 1e6)), report);
    }
}
