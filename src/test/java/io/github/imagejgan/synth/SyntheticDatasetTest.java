package io.github.imagejgan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import io.github.imagejgan.degrade.BlurDownsample;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.degrade.MaskShape;
import io.github.imagejgan.degrade.PoissonGaussianNoise;
import io.github.imagejgan.degrade.RandomMask;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.TaskMonitor;

class SyntheticDatasetTest {

    @TempDir
    Path tmp;

    @Test
    void writesMatchingSixteenBitPairsThatImageJOpens() throws IOException {
        FilamentPhantom phantom = FilamentPhantom.typical(48, 40);
        PoissonGaussianNoise noise = new PoissonGaussianNoise(2, 0.5);
        SyntheticDataset.Summary summary = SyntheticDataset.write(tmp.resolve("set"), phantom, noise, 3, 9);
        assertEquals(List.of("000.tif", "001.tif", "002.tif"), summary.names());
        assertFalse(summary.masks());
        assertEquals(summary.names(), list(tmp.resolve("set/clean")));
        assertEquals(summary.names(), list(tmp.resolve("set/noisy")));
        assertFalse(Files.exists(tmp.resolve("set/mask")));
        for (int i = 0; i < 3; i++) {
            ImagePlus clean = ImageFiles.open(tmp.resolve("set/clean").resolve(summary.names().get(i)));
            ImagePlus noisy = ImageFiles.open(tmp.resolve("set/noisy").resolve(summary.names().get(i)));
            assertEquals(16, clean.getBitDepth());
            assertEquals(16, noisy.getBitDepth());
            assertEquals(48, noisy.getWidth());
            assertEquals(40, noisy.getHeight());
            // Pair i is reproducible on its own from the data set's seed.
            float[] expected = phantom.render(Seeds.derive(9, 2L * i));
            float[] stored = phantom.encoding().values(clean);
            for (int p = 0; p < expected.length; p++) {
                assertEquals(expected[p], stored[p], 0.5 + 1e-3);
            }
            assertFalse(Arrays.equals(stored, phantom.encoding().values(noisy)));
        }
        String json = Files.readString(tmp.resolve("set/dataset.json"));
        assertTrue(json.contains("\"type\": \"filaments\"") && json.contains("\"readNoise\": 2.0")
                && json.contains("\"count\": 3") && json.contains("\"seed\": 9"), json);
        assertEquals(List.of("set"), list(tmp), "no temporary folder is left behind");
    }

    @Test
    void superResolutionPairsHaveSmallInputsAndInpaintingPairsHaveMasks() throws IOException {
        SyntheticDataset.write(tmp.resolve("sr"), CtPhantom.typical(64, 64), new BlurDownsample(4), 2, 1);
        ImagePlus small = ImageFiles.open(tmp.resolve("sr/noisy/000.tif"));
        assertEquals(16, small.getWidth());
        assertEquals(-1000, small.getCalibration().getCValue(small.getProcessor().get(0, 0)), 2);
        SyntheticDataset.Summary inpaint = SyntheticDataset.write(tmp.resolve("holes"), DeadLeavesPhantom.typical(64,
                64), new RandomMask(MaskShape.BOXES, 0.2, 0.3, 0), 2, 1);
        assertTrue(inpaint.masks());
        ImagePlus mask = ImageFiles.open(tmp.resolve("holes/mask/001.tif"));
        ImagePlus noisy = ImageFiles.open(tmp.resolve("holes/noisy/001.tif"));
        assertEquals(8, mask.getBitDepth());
        assertEquals(8, noisy.getBitDepth());
        int missing = 0;
        for (int i = 0; i < 64 * 64; i++) {
            int m = mask.getProcessor().get(i);
            assertTrue(m == 0 || m == 255);
            if (m == 255) {
                missing++;
                assertEquals(0, noisy.getProcessor().get(i));
            }
        }
        assertTrue(missing >= 0.2 * 4096 && missing <= 0.3 * 4096, "missing " + missing);
    }

    @Test
    void neverOverwritesAndLeavesNothingWhenCancelled() throws IOException {
        Path existing = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(existing.resolve("keep.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> SyntheticDataset.write(existing, DeadLeavesPhantom
                .typical(32, 32), Degradations.parse("jpeg"), 1, 1));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(List.of("keep.txt"), list(existing));
        TaskMonitor cancelAfterOne = new TaskMonitor() {
            private long done;

            @Override
            public void progress(long finished, long total, String message) {
                done = finished;
            }

            @Override
            public boolean isCancelled() {
                return done >= 1;
            }
        };
        Path target = tmp.resolve("cancelled");
        assertThrows(CancelledException.class, () -> SyntheticDataset.write(target, DeadLeavesPhantom.typical(32, 32),
                Degradations.parse("jpeg"), 3, 1, PixelEncoding.UNSIGNED_8, cancelAfterOne));
        assertEquals(List.of("used"), list(tmp), "neither the data set nor its temporary folder remains");
    }

    @Test
    void floatEncodingKeepsValuesExactly() throws IOException {
        MrPhantom mr = new MrPhantom(32, 32, MrPhantom.Weighting.T2);
        SyntheticDataset.write(tmp.resolve("f"), mr, Degradations.parse("rician:sigma=20"), 1, 4,
                PixelEncoding.FLOAT_32, TaskMonitor.NONE);
        ImagePlus clean = ImageFiles.open(tmp.resolve("f/clean/000.tif"));
        assertEquals(32, clean.getBitDepth());
        assertArrayEquals(mr.render(Seeds.derive(4, 0)), PixelEncoding.FLOAT_32.values(clean));
        assertThrows(IllegalArgumentException.class, () -> SyntheticDataset.write(tmp.resolve("none"), mr,
                Degradations.parse("gaussian"), 0, 1));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
