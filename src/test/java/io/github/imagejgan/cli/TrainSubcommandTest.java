package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.cli.CliTest.Result;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.testing.NoisyPairs;
import io.github.imagejgan.testing.StartingWeightsAssertions;
import io.github.imagejgan.testing.ZipFiles;
import io.github.imagejgan.train.BlindSpot;
import io.github.imagejgan.train.Checkpoint;
import io.github.imagejgan.train.TrainingDefaults;

class TrainSubcommandTest {

    @TempDir
    Path dir;

    Path input;
    Path target;
    Path work;

    @BeforeEach
    void pairs() throws IOException {
        input = Files.createDirectories(dir.resolve("noisy"));
        target = Files.createDirectories(dir.resolve("clean"));
        work = dir.resolve("work");
        NoisyPairs.write(input, target, 3, 40);
    }


    @Test
    void theHelpShowsTheDefaultsTheTrainingTakes() {
        Map<String, Double> defaults = Map.ofEntries(Map.entry("steps", (double) TrainingDefaults.STEPS),
                Map.entry("patch", (double) TrainingDefaults.PATCH),
                Map.entry("batch", (double) TrainingDefaults.BATCH),
                Map.entry("features", (double) TrainingDefaults.FEATURES),
                Map.entry("depth", (double) TrainingDefaults.DEPTH),
                Map.entry("blocks", (double) TrainingDefaults.BLOCKS),
                Map.entry("scale", (double) TrainingDefaults.SCALE),
                Map.entry("d-features", (double) TrainingDefaults.DISCRIMINATOR_FEATURES),
                Map.entry("adversarial-weight", (double) TrainingDefaults.ADVERSARIAL_WEIGHT),
                Map.entry("reconstruction-weight", (double) TrainingDefaults.RECONSTRUCTION_WEIGHT),
                Map.entry("lr", TrainingDefaults.LEARNING_RATE), Map.entry("seed", (double) TrainingDefaults.SEED),
                Map.entry("validation", TrainingDefaults.VALIDATION_FRACTION),
                Map.entry("average-weights", (double) TrainingDefaults.WEIGHT_AVERAGE),
                Map.entry("mask-fraction", BlindSpot.DEFAULT_FRACTION));
        Map<String, Double> shown = new LinkedHashMap<>();
        Matcher option = Pattern.compile("--([a-z-]+) ([0-9][0-9.e-]*)").matcher(TrainSubcommand.HELP);
        while (option.find()) {
            shown.put(option.group(1), Double.parseDouble(option.group(2)));
        }
        assertEquals(defaults, shown);
        assertTrue(TrainSubcommand.HELP.contains("--loss lsgan|") && TrainSubcommand.HELP.contains(
                "--reconstruction l1|"), "the default losses come first");
        assertEquals(List.of(AdversarialLoss.LSGAN, ReconstructionLoss.L1), List.of(TrainingDefaults.ADVERSARIAL_LOSS,
                TrainingDefaults.RECONSTRUCTION_LOSS));
    }

    private static Result cli(List<String> args) {
        return CliTest.cli(args.toArray(String[]::new));
    }

    /** A tiny pix2pix run on the pairs: 4 generator and discriminator features, 32-pixel patches. */
    private List<String> tiny(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--task", "denoise", "--input", input.toString(),
                "--target", target.toString(), "--out", out.toString(), "--work", work.toString(), "--features", "4",
                "--depth", "2", "--d-features", "4", "--patch", "32", "--batch", "2", "--validation", "0.34",
                "--seed", "3", "--device", "cpu"));
        args.addAll(Arrays.asList(more));
        return args;
    }

    /** The same run resumed from a checkpoint, with only the options that are not the checkpoint's to say. */
    private List<String> resumed(Path out, Path checkpoint, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--input", input.toString(), "--target",
                target.toString(), "--out", out.toString(), "--work", work.toString(), "--patch", "32", "--batch", "2",
                "--validation", "0.34", "--device", "cpu", "--resume", checkpoint.toString()));
        args.addAll(Arrays.asList(more));
        return args;
    }

    @Test
    void wrongTrainingOptionsExitWith2BeforeAnyFileIsWritten() {
        Path out = dir.resolve("new").resolve("tiny.zip");
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("--steps=0", "Training steps 0 is out of range: choose 1 to 100000000.");
        refusals.put("--patch=4", "Patch size 4 is not possible: choose 32 to 1024 pixels, a multiple of 4");
        refusals.put("--batch=0", "Batch size 0 is out of range: choose 1 to 256.");
        refusals.put("--features=100000", "Generator features 100000 is out of range: choose 1 to 256.");
        refusals.put("--lr=0", "Learning rate 0.0 is out of range");
        refusals.put("--depth=9", "U-Net depth 9 is out of range: choose 1 to 6.");
        refusals.put("--loss=wgan", "Unknown adversarial loss 'wgan'");
        refusals.put("--task=sharpen", "Unknown task 'sharpen'");
        refusals.put("--device=foo", "Device 'foo' is not understood");
        refusals.put("--average-weights=1", "Weight average 1.0 is out of range");
        refusals.forEach((option, message) -> {
            Result r = cli(tiny(out, option));
            assertEquals(2, r.code(), option + ": " + r.err());
            assertTrue(r.err().contains(message), option + ": " + r.err());
        });
        assertFalse(Files.exists(out.getParent()), "no output folder made");
        assertFalse(Files.exists(work), "no checkpoint folder made");
    }

    @Test
    void aResumedRunKeepsTheCheckpointsSettingsAndRefusesOthers() throws IOException {
        Path out = dir.resolve("tiny.zip");
        assertEquals(0, cli(tiny(out, "--steps", "2")).code());
        Path last = work.resolve("tiny-last.zip");

        Result other = cli(resumed(out, last, "--steps", "4", "--features", "16", "--lr", "0.01",
                "--average-weights", "0.99"));
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("Cannot resume tiny-last.zip with other settings: generator features 16 "
                + "(the checkpoint has 4), learning rate 0.01 (the checkpoint has 4.0E-4), weight average 0.99 (the "
                + "checkpoint has 0.0)."), other.err());
        Result fewer = cli(resumed(out, last, "--steps", "1"));
        assertEquals(2, fewer.code(), fewer.err());
        assertTrue(fewer.err().contains("has done 2 steps; ask for at least 2 training steps"), fewer.err());

        Result same = cli(resumed(out, last, "--steps", "4", "--features", "4"));
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("Finished after 4 steps"), same.out());
        assertEquals(4, Checkpoint.open(last).step());
        assertTrue(Checkpoint.open(last).config().networks().generator().toString().contains("features=4"));
    }

    @Test
    void restorationTrainsWithoutADiscriminatorUnlessAskedWithGan() throws IOException {
        Path plain = dir.resolve("plain.zip");
        assertEquals(0, cli(tiny(plain, "--steps", "1")).code());
        assertEquals(null, Checkpoint.open(work.resolve("plain-last.zip")).config().networks().discriminator());
        Path gan = dir.resolve("gan.zip");
        Result withGan = cli(tiny(gan, "--steps", "1", "--gan"));
        assertEquals(0, withGan.code(), withGan.err());
        assertTrue(Checkpoint.open(work.resolve("gan-last.zip")).config().networks().discriminator() != null);
        Result both = cli(tiny(dir.resolve("both.zip"), "--steps", "1", "--gan", "--no-gan"));
        assertEquals(2, both.code());
        assertTrue(both.err().contains("not both"), both.err());
    }

    @Test
    void aNewRunCanStartFromTheWeightsOfAModelWithTheSameNetwork() throws IOException {
        Path base = dir.resolve("base.zip");
        assertEquals(0, cli(tiny(base, "--steps", "3")).code());
        // One step at a vanishing rate keeps the start's weights: the fine-tuned model restores as the start does,
        // and unlike a run from random weights.
        Path tuned = dir.resolve("tuned.zip");
        Result run = cli(tiny(tuned, "--steps", "1", "--lr", "1e-12", "--start", base.toString()));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Starting from the weights of"), run.out());
        Path random = dir.resolve("random.zip");
        assertEquals(0, cli(tiny(random, "--steps", "1", "--lr", "1e-12", "--seed", "4")).code());
        StartingWeightsAssertions.assertStartedFrom(denoised(base), denoised(tuned), denoised(random));

        // Network sizes left out are the start's own.
        Path sized = dir.resolve("sized.zip");
        Result bare = cli(List.of("train", "--task", "denoise", "--input", input.toString(), "--target",
                target.toString(), "--out", sized.toString(), "--work", work.toString(), "--patch", "32", "--batch", "2",
                "--validation", "0.34", "--steps", "1", "--device", "cpu", "--start", base.toString()));
        assertEquals(0, bare.code(), bare.err());
        String json = ZipFiles.text(sized, "model.json");
        assertTrue(json.contains("\"features\": 4") && json.contains("\"depth\": 2"), json);

        // More features grow the start's U-Net: the grown model restores as the start does.
        Path grown = dir.resolve("grown.zip");
        Result growing = cli(tiny(grown, "--steps", "1", "--lr", "1e-12", "--features", "6", "--start",
                base.toString()));
        assertEquals(0, growing.code(), growing.err());
        assertTrue(ZipFiles.text(grown, "model.json").contains("\"features\": 6"));
        StartingWeightsAssertions.assertStartedFrom(denoised(base), denoised(grown), denoised(random));

        // Another network, a resumed run, a missing model: refused, and no model is written.
        Path deeper = dir.resolve("deeper.zip");
        Result other = cli(tiny(deeper, "--steps", "1", "--depth", "3", "--start", base.toString()));
        assertEquals(1, other.code());
        assertTrue(other.err().contains("has the network"), other.err());
        assertFalse(Files.exists(deeper));
        Result both = cli(resumed(dir.resolve("again.zip"), work.resolve("base-last.zip"), "--steps", "4", "--start",
                base.toString()));
        assertEquals(2, both.code());
        assertTrue(both.err().contains("not both"), both.err());
        Result missing = cli(tiny(dir.resolve("missing.zip"), "--steps", "1", "--start", "no-such-model"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no-such-model"), missing.err());
        assertFalse(Files.exists(dir.resolve("missing.zip")));
    }

    @Test
    void aFineTunedModelRecordsItsStartThroughAResumeAndAlongAChain() throws IOException {
        Path base = dir.resolve("base.zip");
        assertEquals(0, cli(tiny(base, "--steps", "2")).code());
        assertEquals("", ModelPackage.describe(base).provenance().startedFrom(), "random weights record no start");

        Path tuned = dir.resolve("tuned.zip");
        Result run = cli(tiny(tuned, "--steps", "2", "--start", base.toString()));
        assertEquals(0, run.code(), run.err());
        String start = ModelPackage.describe(tuned).provenance().startedFrom();
        assertTrue(start.startsWith("base (base.zip: 2 steps, written "), start);

        // A resumed run started where its checkpoint's run did; a fine-tuning of a fine-tuning names both.
        Path longer = dir.resolve("longer.zip");
        Result resumed = cli(resumed(longer, work.resolve("tuned-last.zip"), "--steps", "3"));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(3, ModelPackage.describe(longer).provenance().steps());
        assertEquals(start, ModelPackage.describe(longer).provenance().startedFrom());
        Path again = dir.resolve("again.zip");
        assertEquals(0, cli(tiny(again, "--steps", "1", "--start", tuned.toString())).code());
        String chain = ModelPackage.describe(again).provenance().startedFrom();
        assertTrue(chain.startsWith("tuned (tuned.zip: 2 steps") && chain.contains("; started from " + start), chain);

        Result info = cli(List.of("models", "info", again.toString()));
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("Started from: " + chain), info.out());
        assertTrue(info.out().contains("Task: denoise"), info.out());
    }

    @Test
    void theModelWrittenIsTheBestValidationOrTheLastStep() throws IOException {
        Path last = dir.resolve("last.zip");
        Result run = cli(tiny(last, "--steps", "3", "--model", "last"));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Model (last step)"), run.out());
        assertEquals(3, ModelPackage.describe(last).provenance().steps());

        Result wrong = cli(tiny(dir.resolve("worst.zip"), "--steps", "1", "--model", "worst"));
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("--model takes best or last"), wrong.err());
        assertFalse(Files.exists(dir.resolve("worst.zip")));
    }

    /** The first training input as {@code model} denoises it. */
    private Path denoised(Path model) {
        Path folder = dir.resolve("by-" + model.getFileName());
        Result run = cli(List.of("denoise", "--model", model.toString(), "--out", folder.toString(), "--device", "cpu",
                input.resolve("img0.tif").toString()));
        assertEquals(0, run.code(), run.err());
        return folder.resolve("img0.tif");
    }

    @Test
    void aCheckpointBeyondItsOwnRunIsRefusedNotFinished() throws IOException {
        Path out = dir.resolve("tiny.zip");
        assertEquals(0, cli(tiny(out, "--steps", "2")).code());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(work.resolve("tiny-last.zip").toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        entries.put("training.json", new String(entries.get("training.json"), StandardCharsets.UTF_8).replace(
                "\"step\": 2", "\"step\": 1e9").getBytes(StandardCharsets.UTF_8));
        Path absurd = ZipFiles.write(dir.resolve("absurd.zip"), entries);
        Result r = cli(resumed(out, absurd));
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("Checkpoint absurd.zip: entry 'training.json' field 'step' is 1000000000, beyond "
                + "the 2 steps of its own run."), r.err());
    }

    @Test
    void anOutputThatCannotBeWrittenFailsBeforeTheFirstStep() throws IOException {
        Path readOnly = readOnlyFolder();
        try {
            Result r = cli(tiny(readOnly.resolve("tiny.zip"), "--steps", "50"));
            assertEquals(1, r.code(), r.out());
            assertTrue(r.err().contains("Cannot write to the folder of the model tiny.zip " + readOnly), r.err());
            assertFalse(r.out().contains("step"), "nothing trained: " + r.out());
        } finally {
            Files.setPosixFilePermissions(dir.resolve("read-only"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A folder this process cannot write to: a read-only one of its own or, for root, who writes anyway, /sys. */
    private Path readOnlyFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!writable(folder)) {
            return folder;
        }
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !writable(sys), "no folder is read-only to this user");
        return sys;
    }

    private static boolean writable(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Without a discriminator: a long run of this tiny GAN may diverge, a failure of its own. */
    @Test
    @Timeout(300)
    void aLateFailureSaysWhereTheCheckpointsAre() throws Exception {
        Path outFolder = Files.createDirectories(dir.resolve("models"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(tiny(outFolder.resolve(
                "tiny.zip"), "--steps", "200", "--no-gan").toArray(String[]::new), new PrintStream(out, true,
                        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        while (!out.toString(StandardCharsets.UTF_8).contains("] step ") && !run.isDone()) {
            Thread.sleep(5);
        }
        // The disk changes under the run: its model folder is now a file.
        Files.delete(outFolder);
        Files.writeString(outFolder, "in the way");
        assertEquals(1, run.get(), out.toString(StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        Path best = work.resolve("tiny-best.zip");
        Path last = work.resolve("tiny-last.zip");
        assertTrue(message.contains("Training failed: a file is in the way: " + outFolder), message);
        assertTrue(message.contains("Kept: the best model so far is " + best + "; the checkpoint to resume from is "
                + last + "."), message);
        assertEquals(200, Checkpoint.open(last).step());
        assertTrue(Files.isRegularFile(best));
    }

    @Test
    @Timeout(300)
    void sigtermStopsAfterTheCurrentStepSavesAndExitsWith143() throws Exception {
        Path out = dir.resolve("tiny.zip");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", classPath,
                Main.class.getName()));
        // NB: no discriminator, so that the run cannot end by diverging before it is stopped; a generator large
        // enough that writing the model takes a while, as the stop must wait for that too.
        command.addAll(tiny(out, "--steps", "200", "--no-gan", "--features", "16", "--depth", "3"));
        Path output = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        while (!Files.readString(output).contains("] step ") && child.isAlive()) {
            Thread.sleep(5);
        }
        assertTrue(child.isAlive(), "the run trains: " + Files.readString(output));
        child.destroy();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES));
        String log = Files.readString(output);
        assertEquals(143, child.exitValue(), log);
        Matcher stopped = Pattern.compile("Stopped after (\\d+) steps").matcher(log);
        assertTrue(stopped.find(), log);
        long steps = Long.parseLong(stopped.group(1));
        Path last = work.resolve("tiny-last.zip");
        assertEquals(steps, Checkpoint.open(last).step(), "the checkpoint holds every step done");
        assertTrue(Files.isRegularFile(out), "the model is written");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "no JVM crash log");
        }
        Result resumed = cli(resumed(out, last, "--steps", String.valueOf(steps + 2)));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("Finished after " + (steps + 2) + " steps"), resumed.out());
    }
}
