package io.github.imagejgan.metrics.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.imagejgan.TestMonitors;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.TaskMonitor;

class DistributionEvaluationTest {

    @TempDir
    Path dir;

    static final DistributionEvaluation.Settings ALL = new DistributionEvaluation.Settings(true, true, true, 20,
            1000, 10, 1, 3);

    @Test
    void everyPlaneOfEveryImageIsASample() throws IOException {
        Path real = folder("real", "16-bit", 2, 1, 1);
        ImageFiles.saveTiff(stack(3, 5), real.resolve("stack.tif"));
        Path generated = folder("generated", "8-bit", 2, 1, 2);
        ImageFiles.savePng(IJ.createImage("rgb", "RGB ramp", 20, 20, 1), generated.resolve("rgb.png"));
        FakeFeatures network = new FakeFeatures(16, true);
        List<String> log = new ArrayList<>();
        DistributionScores scores = DistributionEvaluation.evaluate(DistributionEvaluation.images(real, "real"),
                DistributionEvaluation.images(generated, "generated"), network, ALL, TaskMonitor.NONE, log::add);
        assertEquals(3, scores.realImages());
        assertEquals(5, scores.realSamples(), "two single planes and a stack of three");
        assertEquals(3, scores.generatedImages());
        assertEquals(3, scores.generatedSamples(), "two gray images and one in colour");
        assertEquals(8, network.images);
        assertEquals(List.of("FID", "KID", "IS (generated)", "IS (real)"), scores.rows().stream()
                .map(DistributionScores.Row::metric).toList());
        assertTrue(scores.row("FID").value() > 0);
        assertTrue(Double.isNaN(scores.row("FID").std()));
        assertEquals("20 subsets of 3 (seed 1)", scores.row("KID").details());
        assertEquals("3 splits of 3 samples", scores.row("IS (generated)").details());
        assertEquals("quadrant means, 16 x 16", scores.network());
        assertTrue(log.get(1).contains("5 real and 3 generated"), log.toString());
    }

    @Test
    void aFolderAgainstItselfHasNoFrechetDistance() throws IOException {
        Path real = folder("real", "32-bit", 4, 1, 3);
        List<Path> files = DistributionEvaluation.images(real, "real");
        DistributionScores scores = DistributionEvaluation.evaluate(files, files, new FakeFeatures(16, false),
                new DistributionEvaluation.Settings(true, false, false, 1, 2, 1, 0, 2), TaskMonitor.NONE, s -> {
                });
        assertEquals(0, scores.row("FID").value(), 1e-12);
    }

    @Test
    void resultsBecomeTableRowsAndCsv() throws IOException {
        Path real = folder("real", "16-bit", 3, 1, 4);
        Path generated = folder("generated", "16-bit", 3, 1, 5);
        DistributionScores scores = DistributionEvaluation.evaluate(DistributionEvaluation.images(real, "real"),
                DistributionEvaluation.images(generated, "generated"), new FakeFeatures(16, true),
                new DistributionEvaluation.Settings(true, true, false, 5, 3, 1, 0, 4), TaskMonitor.NONE, s -> {
                });
        ResultsTable table = new ResultsTable();
        DistributionTable.add(table, scores, "real", "generated");
        assertEquals(2, table.size());
        assertEquals("KID", table.getStringValue("Metric", 1));
        assertEquals(scores.row("KID").value(), table.getValue("Value", 1), 1e-12);
        assertEquals(3, table.getValue("Generated samples", 1));
        String[] csv = DistributionTable.csv(scores, "a,b", "generated").split("\n");
        assertEquals(DistributionTable.CSV_HEADER, csv[0]);
        assertEquals(3, csv.length);
        assertTrue(csv[1].startsWith("FID,"), csv[1]);
        assertTrue(csv[1].contains(",,3 real vs 3 generated samples,"), csv[1]);
        assertTrue(csv[2].contains(",\"a,b\",generated,3,3,\"quadrant means, 16 x 16\""), csv[2]);
    }

    @Test
    void problemsAreExplained() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IOException none = assertThrows(IOException.class, () -> DistributionEvaluation.images(empty, "real"));
        assertTrue(none.getMessage().contains("No images in the folder of real images"), none.getMessage());
        IOException missing = assertThrows(IOException.class, () -> DistributionEvaluation.images(dir.resolve("x"),
                "generated"));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        List<Path> files = DistributionEvaluation.images(folder("real", "8-bit", 2, 1, 6), "real");
        IllegalArgumentException noHead = assertThrows(IllegalArgumentException.class,
                () -> DistributionEvaluation.evaluate(files, files, new FakeFeatures(16, false), ALL,
                        TaskMonitor.NONE, s -> {
                        }));
        assertTrue(noHead.getMessage().contains("classifier"), noHead.getMessage());

        List<Path> one = files.subList(0, 1);
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> DistributionEvaluation.evaluate(one, files, new FakeFeatures(16, false),
                        new DistributionEvaluation.Settings(true, false, false, 1, 2, 1, 0, 2), TaskMonitor.NONE,
                        s -> {
                        }));
        assertTrue(tooFew.getMessage().contains("at least two samples"), tooFew.getMessage());
    }

    @Test
    void cancellingStopsBeforeTheNextFile() throws IOException {
        List<Path> files = DistributionEvaluation.images(folder("real", "8-bit", 3, 1, 7), "real");
        FakeFeatures network = new FakeFeatures(16, false);
        TaskMonitor cancelled = TestMonitors.CANCELLED;
        assertThrows(CancelledException.class, () -> DistributionEvaluation.evaluate(files, files, network,
                new DistributionEvaluation.Settings(true, false, false, 1, 2, 1, 0, 2), cancelled, s -> {
                }));
        assertEquals(0, network.images);
    }

    /** A folder of random images of one type, each with the given number of slices. */
    private Path folder(String name, String type, int count, int slices, long seed) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            ImagePlus imp = IJ.createImage(name + i, type + " black", 24 + 4 * i, 20, slices);
            for (int s = 1; s <= slices; s++) {
                for (int k = 0; k < imp.getWidth() * imp.getHeight(); k++) {
                    imp.getStack().getProcessor(s).setf(k, random.nextInt(200));
                }
            }
            ImageFiles.saveTiff(imp, folder.resolve(String.format("%s%02d.tif", name, i)));
        }
        return folder;
    }

    private static ImagePlus stack(int slices, long seed) {
        ImagePlus imp = IJ.createImage("stack", "16-bit black", 18, 18, slices);
        Random random = new Random(seed);
        for (int s = 1; s <= slices; s++) {
            for (int k = 0; k < 18 * 18; k++) {
                imp.getStack().getProcessor(s).set(k, random.nextInt(4000));
            }
        }
        return imp;
    }
}
