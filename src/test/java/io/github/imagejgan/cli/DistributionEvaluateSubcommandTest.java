package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.metrics.distribution.dl4j.TestFeatureNetworks;
import io.github.imagejgan.metrics.distribution.dl4j.TestImageFolders;

class DistributionEvaluateSubcommandTest {

    @TempDir
    static Path dir;

    static Path network;
    static Path real;
    static Path generated;

    @BeforeAll
    static void folders() throws IOException {
        network = TestFeatureNetworks.xceptionFile(dir, 12);
        real = TestImageFolders.blobs(dir.resolve("real"), 3, 4);
        generated = TestImageFolders.noise(dir.resolve("generated"), 3, 5);
    }

    @Test
    void tellsTheTwoEvaluationsApart() {
        assertTrue(DistributionEvaluateSubcommand.handles(List.of("--real", "a", "--generated", "b")));
        assertTrue(DistributionEvaluateSubcommand.handles(List.of("--generated=b")));
        assertFalse(DistributionEvaluateSubcommand.handles(List.of("--prediction", "a", "--truth", "b")));
    }

    @Test
    void printsAndSavesTheScores() throws IOException {
        Path csv = dir.resolve("scores/fid.csv");
        String out = run("--real", real.toString(), "--generated", generated.toString(), "--network",
                network.toString(), "--input-size", "71", "--kid-subsets", "4", "--is", "--fid", "--kid", "--csv",
                csv.toString());
        Map<String, String[]> rows = rows(Files.readString(csv));
        assertEquals(List.of("FID", "IS (generated)", "IS (real)", "KID"), rows.keySet().stream().sorted().toList());
        double different = Double.parseDouble(rows.get("FID")[1]);
        assertTrue(different > 0, "blobs and noise differ: " + different);
        assertEquals("4 subsets of 3 (seed 0)", rows.get("KID")[3]);
        assertTrue(out.contains("[imagej-gan] Features of 3 real and 3 generated samples (planes)."), out);
        assertTrue(out.contains(Files.readString(csv)), "the table is printed too");

        // Other blobs are closer to the blobs than noise is.
        Path otherBlobs = TestImageFolders.blobs(dir.resolve("other-blobs"), 3, 9);
        double similar = Double.parseDouble(rows(run("--real", real.toString(), "--generated", otherBlobs.toString(),
                "--network", network.toString(), "--input-size", "71", "--kid-subsets", "4", "--fid")).get("FID")[1]);
        assertTrue(different > 3 * similar, "FID of noise " + different + ", of other blobs " + similar);

        // Without metric flags: FID and KID. A folder against itself has no Fréchet distance.
        Map<String, String[]> same = rows(run("--real", real.toString(), "--generated", real.toString(),
                "--network", network.toString(), "--input-size", "71", "--kid-subsets", "4"));
        assertEquals(List.of("FID", "KID"), same.keySet().stream().sorted().toList());
        assertEquals(0, Double.parseDouble(same.get("FID")[1]), 1e-6 * different);
    }

    @Test
    void theEvaluateCommandOfTheCommandLineDispatchesByItsOptions() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = Main.run(new String[] { "evaluate", "--real", real.toString(), "--generated",
                generated.toString(), "--network", network.toString(), "--input-size", "71", "--kid-subsets", "2" },
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, errors.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("FID", "KID"), rows(out).keySet().stream().sorted().toList());

        // The pixel-wise evaluation does not know --network: a usage error, not a distribution run.
        int wrong = Main.run(new String[] { "evaluate", "--prediction", real.toString(), "--truth",
                real.toString(), "--network", network.toString() }, new PrintStream(bytes, true,
                        StandardCharsets.UTF_8), new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertEquals(2, wrong);
        assertTrue(Main.run(new String[] { "--help" }, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8)) == 0
                && bytes.toString(StandardCharsets.UTF_8).contains("evaluate --real DIR --generated DIR"));
    }

    @Test
    void refusesContradictoryOrMeaninglessOptions() {
        assertThrows(UsageException.class, () -> run("--real", real.toString(), "--generated",
                generated.toString(), "--network", network.toString(), "--download-weights"));
        assertThrows(UsageException.class, () -> run("--real", real.toString(), "--generated",
                generated.toString(), "--kid-subset-size", "1"));
        assertThrows(UsageException.class, () -> run("--real", real.toString(), "--generated",
                generated.toString(), "--kid-subsets", "many"));
        assertThrows(UsageException.class, () -> run("--real", real.toString()));
        assertThrows(UsageException.class, () -> run("--real", real.toString(), "--generated",
                generated.toString(), "--fdi"));
    }

    private static String run(String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new DistributionEvaluateSubcommand(out).run(new CommandLine(List.of(args),
                DistributionEvaluateSubcommand.flags()));
        assertEquals(0, code);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** CSV lines by metric; quoted fields hold no commas here except the network description, which comes last. */
    private static Map<String, String[]> rows(String text) {
        return text.lines().filter(l -> !l.startsWith("[imagej-gan]") && !l.startsWith("metric,"))
                .map(l -> l.split(",")).collect(Collectors.toMap(f -> f[0], Function.identity()));
    }
}
