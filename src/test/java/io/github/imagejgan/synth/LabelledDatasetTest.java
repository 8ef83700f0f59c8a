package io.github.imagejgan.synth;

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
import io.github.imagejgan.degrade.PoissonGaussianNoise;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

class LabelledDatasetTest {

    @TempDir
    Path tmp;

    @Test
    void writesSixteenBitInstanceLabelsBesideNoisyImagesOfTheSameScenes() throws IOException {
        NucleiPhantom phantom = NucleiPhantom.typical(64, 48);
        List<String> names = LabelledDataset.write(tmp.resolve("set"), phantom, new PoissonGaussianNoise(2, 0.5), 3,
                7, TaskMonitor.NONE);
        assertEquals(List.of("000.tif", "001.tif", "002.tif"), names);
        assertEquals(names, list(tmp.resolve("set/labels")));
        assertEquals(names, list(tmp.resolve("set/images")));
        for (int i = 0; i < 3; i++) {
            ImagePlus labels = ImageFiles.open(tmp.resolve("set/labels").resolve(names.get(i)));
            ImagePlus image = ImageFiles.open(tmp.resolve("set/images").resolve(names.get(i)));
            assertEquals(16, labels.getBitDepth());
            assertEquals(16, image.getBitDepth());
            assertEquals(64, image.getWidth());
            assertEquals(48, labels.getHeight());
            LabelledScene scene = phantom.renderLabelled(Seeds.derive(7, 2L * i));
            for (int p = 0; p < scene.labels().length; p++) {
                assertEquals(scene.labels()[p], labels.getProcessor().get(p), "label of pixel " + p);
            }
            float[] stored = phantom.encoding().values(image);
            assertFalse(Arrays.equals(stored, phantom.encoding().values(phantom.encoding().toImage(scene.image(), 64,
                    48, "clean"))), "the images carry noise");
            assertTrue(mean(stored, scene.labels(), true) > mean(stored, scene.labels(), false) + 30,
                    "nuclei are brighter than the background in the noisy image");
        }
        String json = Files.readString(tmp.resolve("set/dataset.json"));
        assertTrue(json.contains("\"type\": \"nuclei\"") && json.contains("\"labels\": \"instances\"")
                && json.contains("\"seed\": 7"), json);
        assertEquals(List.of("set"), list(tmp), "no temporary folder is left behind");
    }

    @Test
    void aDegradationThatResizesIsRefusedAndLeavesNothing() {
        assertThrows(UserException.class, () -> LabelledDataset.write(tmp.resolve("sr"), NucleiPhantom.typical(64,
                64), new BlurDownsample(2), 2, 1, TaskMonitor.NONE));
        assertFalse(Files.exists(tmp.resolve("sr")));
    }

    private static double mean(float[] image, int[] labels, boolean foreground) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < image.length; i++) {
            if (labels[i] > 0 == foreground) {
                sum += image[i];
                n++;
            }
        }
        return sum / n;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
