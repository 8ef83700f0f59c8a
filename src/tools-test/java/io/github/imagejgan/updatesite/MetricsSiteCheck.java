package io.github.imagejgan.updatesite;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.imagejgan.metrics.distribution.dl4j.TestFeatureNetworks;
import io.github.imagejgan.metrics.distribution.dl4j.TestImageFolders;

/**
 * Makes both sites afresh from the build's outputs, installs them into an empty Fiji.app for this machine's platform,
 * as the updater would, adds the libraries Fiji provides, and runs {@code imagej-gan evaluate --real --generated}
 * (FID and KID with a seeded random Xception) in a fresh JVM whose class path is that Fiji.app's {@code jars/} and
 * {@code jars/<platform>/} and nothing else. A library missing from a site, a renamed jar that breaks loading or a
 * native build in the wrong folder fails here. The sites are made afresh because the release output may hold only
 * what changed. Run by the metrics-site profile with the main site's options ({@link UpdateSiteMain}) plus
 * {@code --metrics-dependencies --natives --ship-managed --work}.
 */
public final class MetricsSiteCheck {

    private static final Set<String> REQUIRED;

    static {
        Set<String> required = new HashSet<>(UpdateSiteMain.REQUIRED);
        required.remove("out");
        required.addAll(Set.of("metrics-dependencies", "natives", "ship-managed", "work"));
        REQUIRED = Set.copyOf(required);
    }

    private MetricsSiteCheck() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = UpdateSiteMain.options(args, REQUIRED);
        Path work = UpdateSiteMain.path(options, "work");
        FijiLibraries fiji = FijiLibraries.read(UpdateSiteMain.path(options, "fiji-pom"));
        Path dependencies = UpdateSiteMain.path(options, "dependencies");
        Path metricsDependencies = UpdateSiteMain.path(options, "metrics-dependencies");
        long now = Timestamps.now(Clock.systemUTC());
        Path main = work.resolve("sites/main");
        Path metrics = work.resolve("sites/metrics");
        UpdateSiteGenerator.generate(new UpdateSiteGenerator.Request(UpdateSiteMain.sources(options), Optional.empty(),
                now, main));
        UpdateSiteGenerator.generate(new UpdateSiteGenerator.Request(new MetricsSite.Sources(metricsDependencies,
                dependencies, UpdateSiteMain.path(options, "natives"), fiji,
                MetricsSiteMain.keys(options.get("ship-managed"))), Optional.empty(), now, metrics));

        String platform = NativePlatforms.current();
        Path app = work.resolve("Fiji.app");
        List<String> installed = InstalledSites.install(app, platform, List.of(main, metrics), fiji,
                List.of(dependencies, metricsDependencies));
        System.out.println("Installed " + installed.size() + " files from the two sites for " + platform);
        Path network = TestFeatureNetworks.xceptionFile(work, 3);
        Path real = TestImageFolders.blobs(work.resolve("real"), 4, 1);
        Path generated = TestImageFolders.noise(work.resolve("generated"), 4, 2);
        String classPath = app.resolve("jars") + File.separator + "*" + File.pathSeparator
                + app.resolve("jars").resolve(platform) + File.separator + "*";
        Path log = work.resolve("evaluate.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", classPath, "io.github.imagejgan.cli.Main",
                "evaluate", "--real", real.toString(), "--generated", generated.toString(), "--network",
                network.toString(), "--input-size", String.valueOf(TestFeatureNetworks.SIZE), "--kid-subsets", "2",
                "--fid", "--kid").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(output);
        if (!finished || process.exitValue() != 0 || !output.contains("FID")) {
            process.destroyForcibly();
            System.err.println("The installed sites could not compute FID/KID (see above)");
            System.exit(1);
        }
        System.out.printf("FID and KID ran from the installed sites alone in %.1f s%n",
                (System.nanoTime() - start) / 1e9);
    }
}
