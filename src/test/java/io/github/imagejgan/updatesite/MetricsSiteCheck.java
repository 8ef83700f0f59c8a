package io.github.imagejgan.updatesite;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.imagejgan.metrics.distribution.dl4j.TestFeatureNetworks;
import io.github.imagejgan.metrics.distribution.dl4j.TestImageFolders;

/**
 * Installs the main site and the metrics site into an empty Fiji.app for this machine's platform, as the updater
 * would, adds the libraries Fiji provides, and runs {@code imagej-gan evaluate --real --generated} (FID and KID with a
 * seeded random Xception) in a fresh JVM whose class path is that Fiji.app's {@code jars/} and
 * {@code jars/<platform>/} and nothing else. A library missing from a site, a renamed jar that breaks loading or a
 * native build in the wrong folder fails here. Run by the metrics-site profile:
 * {@code MetricsSiteCheck <main site> <metrics site> <pom-scijava> <main dependencies> <metrics dependencies> <work>}.
 */
public final class MetricsSiteCheck {

    private MetricsSiteCheck() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 6) {
            System.err.println("Usage: MetricsSiteCheck <main site> <metrics site> <pom-scijava> <main dependencies>"
                    + " <metrics dependencies> <work folder>");
            System.exit(2);
        }
        String platform = NativePlatforms.current();
        Path work = Path.of(args[5]);
        Path app = work.resolve("Fiji.app");
        List<String> installed = InstalledSites.install(app, platform, List.of(Path.of(args[0]), Path.of(args[1])),
                FijiLibraries.read(Path.of(args[2])), List.of(Path.of(args[3]), Path.of(args[4])));
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
