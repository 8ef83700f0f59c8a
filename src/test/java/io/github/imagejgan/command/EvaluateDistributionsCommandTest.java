package io.github.imagejgan.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.measure.ResultsTable;
import io.github.imagejgan.metrics.distribution.dl4j.TestFeatureNetworks;
import io.github.imagejgan.metrics.distribution.dl4j.TestImageFolders;

class EvaluateDistributionsCommandTest extends CommandTestBase {

    @TempDir
    static Path shared;

    static Path network;

    @BeforeAll
    static void network() throws IOException {
        network = TestFeatureNetworks.xceptionFile(shared, 11);
    }

    @Test
    void scoresAFolderOfGeneratedImagesAgainstRealOnes() throws Exception {
        Path csv = dir.resolve("out/scores.csv");
        Map<String, Object> inputs = inputs(TestImageFolders.blobs(dir.resolve("real"), 3, 1),
                TestImageFolders.noise(dir.resolve("generated"), 3, 2));
        inputs.put("inceptionScore", true);
        inputs.put("csv", csv.toFile());
        Ran ran = run(EvaluateDistributionsCommand.class, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        ResultsTable table = (ResultsTable) ran.getOutput("table");
        assertEquals(4, table.size());
        assertEquals("FID", table.getStringValue("Metric", 0));
        assertTrue(table.getValue("Value", 0) > 0, "blobs and noise differ");
        assertEquals("KID", table.getStringValue("Metric", 1));
        assertTrue(Double.isFinite(table.getValue("Value", 1)));
        assertEquals("5 subsets of 3 (seed 0)", table.getStringValue("Details", 1));
        assertEquals("IS (generated)", table.getStringValue("Metric", 2));
        assertTrue(table.getValue("Value", 2) >= 1, "an Inception score is at least 1");
        assertEquals(3, table.getValue("Real samples", 0));
        assertTrue(table.getStringValue("Network", 0).startsWith("network xception-seed11.zip, 71 x 71"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("FID,"), lines.get(1));
    }

    @Test
    void explainsWhatIsMissing() throws Exception {
        Path real = TestImageFolders.blobs(dir.resolve("real"), 2, 3);
        Map<String, Object> noFile = inputs(real, real);
        noFile.put("networkFile", null);
        assertCancelled(noFile, "Choose the network file");

        Map<String, Object> noPermission = inputs(real, real);
        noPermission.put("network", EvaluateDistributionsCommand.IMAGENET);
        noPermission.put("download", false);
        assertCancelled(noPermission, "Allow their download");

        Map<String, Object> noFolder = inputs(real, dir.resolve("missing"));
        assertCancelled(noFolder, "does not exist");

        Map<String, Object> nothing = inputs(real, real);
        nothing.put("fid", false);
        nothing.put("kid", false);
        assertCancelled(nothing, "Choose at least one of FID, KID");
    }

    private void assertCancelled(Map<String, Object> inputs, String reason) throws InterruptedException,
            ExecutionException {
        Ran ran = run(EvaluateDistributionsCommand.class, inputs);
        assertTrue(ran.isCanceled());
        assertTrue(ran.getCancelReason().contains(reason), ran.getCancelReason());
    }

    /** Every input given, so that none is filled from the values an earlier run left in the preferences. */
    private static Map<String, Object> inputs(Path real, Path generated) {
        Map<String, Object> inputs = new HashMap<>(Map.ofEntries(Map.entry("real", real.toFile()), Map.entry("generated",
                generated.toFile()), Map.entry("fid", true), Map.entry("kid", true), Map.entry("inceptionScore",
                        false), Map.entry("network", EvaluateDistributionsCommand.FILE), Map.entry("networkFile",
                                network.toFile()), Map.entry("download", false), Map.entry("inputSize",
                                        TestFeatureNetworks.SIZE), Map.entry("kidSubsets", 5), Map.entry(
                                                "kidSubsetSize", 1000), Map.entry("seed", 0L), Map.entry("batchSize",
                                                        4)));
        inputs.put("csv", null);
        return inputs;
    }
}
