package io.github.imagejgan.updatesite;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A small stand-in for the Maven build, made of hand-made files in a temporary folder: the plugin jar, its pom, the
 * runtime dependencies in repository layout (tiny jars under DJL's and Fiji's real coordinates), a pom-scijava that
 * manages the Fiji ones, and a scripts folder with a benchmark that must stay off the site.
 */
final class SiteFixture {

    /** A macro and a Jython script where Fiji makes menu entries of them. */
    static final String MACRO = "scripts/Plugins/GAN/Denoise_Stack.ijm";
    static final String SCRIPT = "scripts/Plugins/GAN/Examples/Denoise_Folder.py";

    static final long RELEASE_1 = 20261201120000L;
    static final long RELEASE_2 = 20261215093000L;

    final Path root;
    final Path pom;
    final Path dependencies;
    final Path fijiPom;
    final Path scripts;
    final Path models;
    Path pluginJar;

    SiteFixture(Path root) throws IOException {
        this.root = root;
        pom = write("project/pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <groupId>io.github.imagejgan</groupId>
                  <artifactId>imagej-gan</artifactId>
                  <version>0.1.0</version>
                  <description>Restore images
                      with GANs</description>
                  <url>https://github.com/imagej-gan/imagej-gan</url>
                  <dependencyManagement><dependencies><dependency>
                    <groupId>org.scijava</groupId><artifactId>pom-scijava</artifactId><type>pom</type>
                  </dependency></dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>net.imagej</groupId><artifactId>ij</artifactId></dependency>
                    <dependency><groupId>ai.djl</groupId><artifactId>api</artifactId></dependency>
                    <dependency><groupId>ai.djl.pytorch</groupId><artifactId>pytorch-engine</artifactId></dependency>
                    <dependency>
                      <groupId>ai.djl.pytorch</groupId><artifactId>pytorch-jni</artifactId><scope>runtime</scope>
                    </dependency>
                    <dependency>
                      <groupId>ai.djl.pytorch</groupId><artifactId>pytorch-native-cpu</artifactId>
                      <classifier>linux-x86_64</classifier><scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """);
        pluginJar = pluginJar("0.1.0", "denoise v1");

        dependencies = root.resolve("project/target/update-site-dependencies");
        library("net/imagej/ij/1.54p", "ij", "1.54p", "ij/IJ.class", "<project><groupId>net.imagej</groupId>"
                + "<artifactId>ij</artifactId></project>");
        library("com/google/code/gson/gson/2.10.1", "gson", "2.10.1", "com/google/gson/Gson.class",
                "<project><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId></project>");
        library("ai/djl/api/0.36.0", "api", "0.36.0", "ai/djl/Model.class", """
                <project>
                  <groupId>ai.djl</groupId><artifactId>api</artifactId>
                  <name>Deep Java Library - api</name>
                  <url>http://www.djl.ai/api</url>
                  <developers><developer><name>DJL.AI Team</name></developer></developers>
                  <dependencies>
                    <dependency><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId></dependency>
                    <dependency>
                      <groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId>
                      <optional>true</optional>
                    </dependency>
                    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><scope>test</scope></dependency>
                  </dependencies>
                </project>
                """);
        library("ai/djl/pytorch/pytorch-engine/0.36.0", "pytorch-engine", "0.36.0", "ai/djl/pytorch/Engine.class", """
                <project>
                  <groupId>ai.djl.pytorch</groupId><artifactId>pytorch-engine</artifactId>
                  <description>Deep Java Library (DJL) Engine Adapter for PyTorch</description>
                  <dependencies>
                    <dependency><groupId>ai.djl</groupId><artifactId>api</artifactId></dependency>
                  </dependencies>
                </project>
                """);
        library("ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0", "pytorch-jni", "2.7.1-0.36.0",
                "jnilib/linux-x86_64/cpu/libdjl_torch.so", """
                <project><groupId>ai.djl.pytorch</groupId><artifactId>pytorch-jni</artifactId></project>
                """);

        fijiPom = write("repository/org/scijava/pom-scijava/45.0.0/pom-scijava-45.0.0.pom", """
                <project>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>net.imagej</groupId><artifactId>ij</artifactId></dependency>
                    <dependency><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId></dependency>
                    <dependency><groupId>org.scijava</groupId><artifactId>scijava-common</artifactId></dependency>
                    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId></dependency>
                    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId></dependency>
                    <dependency><groupId>org.bytedeco</groupId><artifactId>javacpp</artifactId></dependency>
                  </dependencies></dependencyManagement>
                </project>
                """);

        scripts = root.resolve("project/scripts");
        models = root.resolve("project/models");
        write("project/" + MACRO, "run(\"Denoise...\", \"model=nuclei\");\n");
        write("project/" + SCRIPT,
                "#@ File (style=\"directory\") folder\nprint(folder)\n");
        write("project/scripts/bench/bridge-throughput.sh", "#!/bin/sh\n");
        write("project/scripts/bench/plot.py", "print('benchmark')\n");
        write("project/scripts/make-test-models.py", "import torch\n");
        write("project/scripts/notes.txt", "not a script\n");
    }

    /** Builds the plugin jar for a version; the text stands for the compiled classes. */
    Path pluginJar(String version, String classes) throws IOException {
        pluginJar = Jars.mavenJar(root.resolve("project/target/imagej-gan-" + version + ".jar"), "imagej-gan",
                version, "Mon Dec 01 12:00:00 UTC 2026",
                Jars.entries("io/github/imagejgan/Denoise.class", classes));
        return pluginJar;
    }

    /** Rebuilds a library jar with only a new build date, as a rebuild by Maven does. */
    void rebuildWithNewDate(String folder, String artifactId, String version, String classEntry) throws IOException {
        Files.delete(dependencies.resolve(folder).resolve(artifactId + "-" + version + ".jar"));
        Jars.mavenJar(dependencies.resolve(folder).resolve(artifactId + "-" + version + ".jar"), artifactId, version,
                "Tue Dec 09 08:00:00 UTC 2026", Jars.entries(classEntry, "code of " + artifactId));
    }

    Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, UTF_8);
    }

    SiteContents.Sources sources() throws IOException {
        return new SiteContents.Sources(pluginJar, pom, dependencies, FijiLibraries.read(fijiPom), scripts, models);
    }

    UpdateSiteGenerator.Result generate(Path out, long timestamp, Path previous) throws IOException {
        return UpdateSiteGenerator.generate(new UpdateSiteGenerator.Request(sources(), Optional.ofNullable(previous),
                timestamp, out));
    }

    FijiLibraries fiji() throws IOException {
        return FijiLibraries.read(fijiPom);
    }

    private void library(String folder, String artifactId, String version, String classEntry, String pomText)
            throws IOException {
        library(dependencies, folder, artifactId, version, classEntry, pomText);
    }

    /** A library jar and its pom in repository layout below {@code root}. */
    static void library(Path root, String folder, String artifactId, String version, String classEntry,
            String pomText) throws IOException {
        Path dir = root.resolve(folder);
        Jars.mavenJar(dir.resolve(artifactId + "-" + version + ".jar"), artifactId, version,
                "Mon Dec 01 11:00:00 UTC 2026", Jars.entries(classEntry, "code of " + artifactId));
        Files.writeString(dir.resolve(artifactId + "-" + version + ".pom"), pomText, UTF_8);
    }
}
