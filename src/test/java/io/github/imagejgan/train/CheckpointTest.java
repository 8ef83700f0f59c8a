package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.testing.ZipFiles;

class CheckpointTest {

    @TempDir
    static Path dir;

    /** A pix2pix checkpoint after 2 of 4 steps: generator, discriminator, two optimizer states. */
    private static Path good;

    @BeforeAll
    static void checkpoint() throws IOException {
        good = dir.resolve("toy-last.zip");
        try (PairedGanTrainer trainer = PairedGanTrainer.create(PairedGanTrainerTest.tinyConfig(4),
                ToyPatches.denoising(32, 2, 1), List.of(), Device.cpu())) {
            trainer.trainOneStep();
            trainer.trainOneStep();
            trainer.save(good);
        }
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    /** The good checkpoint with its entries edited, as x.zip. */
    private static Path edited(UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        return ZipFiles.write(dir.resolve("x.zip"), edit.apply(entries(good)));
    }

    private static Path withState(String from, String to) throws IOException {
        return edited(e -> {
            String state = new String(e.get("training.json"), StandardCharsets.UTF_8);
            assertEquals(1, state.split(java.util.regex.Pattern.quote(from), -1).length - 1, "edits one place");
            e.put("training.json", state.replace(from, to).getBytes(StandardCharsets.UTF_8));
            return e;
        });
    }

    private static String refusal(Path file) {
        return assertThrows(CheckpointException.class, () -> PairedGanTrainer.resume(file,
                ToyPatches.denoising(32, 2, 1), List.of(), Device.cpu()).close()).getMessage();
    }

    @Test
    void anIntactCheckpointOpensWhereItStopped() throws IOException {
        Checkpoint checkpoint = Checkpoint.open(good);
        assertEquals(2, checkpoint.step());
        assertEquals(4, checkpoint.config().schedule().steps());
    }

    @Test
    void aDamagedTrainingStateNamesTheEntryAndTheField() throws IOException {
        String where = "Checkpoint x.zip: entry 'training.json' field ";
        assertEquals(where + "'step' is not a number: 'abc'.", refusal(withState("\"step\": 2", "\"step\": \"abc\"")));
        assertEquals(where + "'step' is not a whole number: 2.5.", refusal(withState("\"step\": 2", "\"step\": 2.5")));
        assertEquals(where + "'step' is negative: -3.", refusal(withState("\"step\": 2", "\"step\": -3")));
        assertEquals(where + "'step' is 1000000000, beyond the 4 steps of its own run.",
                refusal(withState("\"step\": 2", "\"step\": 1e9")));
        assertEquals(where + "'seconds' is missing.", refusal(withState("\"seconds\"", "\"elapsed\"")));
        assertEquals(where + "'config.task' names no known task: 'sharpen' (known: denoise, super-resolution, "
                + "inpaint, style, synthesis, isotropic).", refusal(withState("\"task\": \"denoise\"", "\"task\": \"sharpen\"")));
        assertEquals(where + "'config' is not valid: Steps, validation and checkpoint intervals must be positive "
                + "and the decay must start within the run.", refusal(withState("\"steps\": 4", "\"steps\": 0")));
        assertEquals(where + "'config' is missing.", refusal(withState("\"config\"", "\"settings\"")));
        Path notJson = edited(e -> {
            e.put("training.json", "{\"step\": 2,".getBytes(StandardCharsets.UTF_8));
            return e;
        });
        assertEquals("Checkpoint x.zip: entry 'training.json' is not valid JSON", refusal(notJson).split(" \\(")[0]);
    }

    @Test
    void theRunsOwnWeightsBesideAnAverageAreCheckedLikeTheOtherEntries() throws IOException {
        Path averaged = dir.resolve("averaged-last.zip");
        try (PairedGanTrainer trainer = PairedGanTrainer.create(PairedGanTrainerTest.tinyConfig(4)
                .withWeightAverage(0.9f), ToyPatches.denoising(32, 2, 1), List.of(), Device.cpu())) {
            trainer.trainOneStep();
            trainer.save(averaged);
        }
        Map<String, byte[]> without = entries(averaged);
        without.remove(Checkpoint.AVERAGE_ENTRY);
        assertEquals("Checkpoint x.zip: entry 'G.own.params' is missing.", refusal(ZipFiles.write(
                dir.resolve("x.zip"), without)));
        Map<String, byte[]> longer = entries(averaged);
        longer.put(Checkpoint.AVERAGE_ENTRY, Arrays.copyOf(longer.get(Checkpoint.AVERAGE_ENTRY),
                longer.get(Checkpoint.AVERAGE_ENTRY).length + 3));
        assertEquals("Checkpoint x.zip: entry 'G.own.params' has 3 bytes more than the weight average.",
                refusal(ZipFiles.write(dir.resolve("x.zip"), longer)));
    }

    @Test
    void aMissingOrTruncatedEntryIsNamed() throws IOException {
        assertEquals("Checkpoint x.zip: entry 'generator.params' is missing.", refusal(edited(e -> {
            e.remove(ModelPackage.GENERATOR);
            return e;
        })));
        assertEquals("Checkpoint x.zip: entry 'D.params' is missing.", refusal(edited(e -> {
            e.remove("D.params");
            return e;
        })));
        assertEquals("Checkpoint x.zip: entry 'G.adam' is missing.", refusal(edited(e -> {
            e.remove("G.adam");
            return e;
        })));
        assertEquals("Checkpoint x.zip: entry 'D.adam' is truncated.", refusal(edited(e -> {
            e.put("D.adam", Arrays.copyOf(e.get("D.adam"), e.get("D.adam").length / 2));
            return e;
        })));
        assertEquals("Checkpoint x.zip: entry 'G.adam' has 3 bytes more than the optimizer state.",
                refusal(edited(e -> {
                    e.put("G.adam", Arrays.copyOf(e.get("G.adam"), e.get("G.adam").length + 3));
                    return e;
                })));
        assertEquals("Checkpoint x.zip: entry 'D.params' is truncated.", refusal(edited(e -> {
            e.put("D.params", Arrays.copyOf(e.get("D.params"), e.get("D.params").length / 2));
            return e;
        })));
    }

    @Test
    void aTruncatedOrForeignFileIsNotTakenForACheckpoint() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path half = Files.write(dir.resolve("half.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals("Checkpoint half.zip is damaged or truncated: half.zip is not a checkpoint (not a readable zip "
                + "file: zip END header not found).", refusal(half));
        Path finished = dir.resolve("finished.zip");
        ModelPackage.exportModel(good, finished, d -> d);
        assertEquals("finished.zip holds no training state (training.json): it is a finished model, not a "
                + "checkpoint, and cannot be resumed. Resume from <name>-last.zip.", refusal(finished));
        Path missing = dir.resolve("nothing-here.zip");
        assertEquals("Checkpoint to resume not found: " + missing + ".", refusal(missing));
    }
}
