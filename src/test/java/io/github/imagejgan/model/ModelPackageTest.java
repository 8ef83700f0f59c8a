package io.github.imagejgan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.testing.ZipFiles;

class ModelPackageTest {

    @TempDir
    Path dir;

    private Path good;
    private ModelDescriptor descriptor;

    @BeforeEach
    void writeGoodPackage() throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        UNetSpec spec = new UNetSpec(1, 1, 2, 4, true, false, false);
        descriptor = new ModelDescriptor("tiny", "a tiny denoiser", ModelTask.DENOISE, spec,
                ModelDescriptor.Normalization.DEFAULT, ModelDescriptor.Tiling.forGenerator(spec, 128),
                new ModelDescriptor.Provenance("toy", Map.of("type", "gaussian", "sigma", 0.1), 10, 3, 1.5,
                        "2026-11-25T00:00:00Z", "test"), Map.of("validationPsnr", 30.5));
        good = dir.resolve("tiny.zip");
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelPackage.write(good, descriptor, Networks.create(spec, manager), Map.of());
        }
    }

    @Test
    void descriptorSurvivesTheRoundTrip() throws IOException {
        ModelDescriptor read = ModelPackage.open(good).descriptor();
        assertEquals(descriptor.name(), read.name());
        assertEquals(descriptor.generator(), read.generator());
        assertEquals(descriptor.tiling(), read.tiling());
        assertEquals(descriptor.normalization(), read.normalization());
        assertEquals(30.5, read.metrics().get("validationPsnr"));
        assertEquals(10, read.provenance().steps());
        assertEquals("gaussian", read.provenance().degradation().get("type"));
        String json = new String(ModelPackage.open(good).entry(ModelPackage.DESCRIPTOR), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"formatVersion\": 1") && json.contains("\"type\": \"unet\"")
                && json.contains("\"task\": \"denoise\""), json);
    }

    @Test
    void loadedWeightsReproduceTheSavedNetwork() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block original = Networks.create(descriptor.generator(), manager);
            Path file = dir.resolve("copy.zip");
            ModelPackage.write(file, descriptor, original, Map.of("notes.txt", new byte[] { 1, 2 }));
            var input = manager.randomUniform(0, 1, new Shape(1, 1, 20, 28));
            float[] expected = original.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();
            ModelPackage pkg = ModelPackage.open(file);
            assertArrayEquals(new byte[] { 1, 2 }, pkg.entry("notes.txt"));
            try (LoadedModel model = pkg.load(Device.cpu())) {
                float[] actual = model.generator().forward(new ParameterStore(model.manager(), false),
                        new NDList(input), false).singletonOrThrow().toFloatArray();
                assertArrayEquals(expected, actual);
                assertTrue(model.requireTask(ModelTask.DENOISE) == model);
                WrongTaskException e = assertThrows(WrongTaskException.class,
                        () -> model.requireTask(ModelTask.INPAINT));
                assertTrue(e.getMessage().contains("denoise model") && e.getMessage().contains("inpaint model"));
            }
        }
    }

    @Test
    void notAZipIsRejected() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip at all");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPackage.open(junk));
        assertTrue(e.getMessage().contains("not a model package"), e.getMessage());
        assertThrows(IOException.class, () -> ModelPackage.open(dir.resolve("missing.zip")));
    }

    @Test
    void truncatedPackageIsRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(ModelFormatException.class, () -> ModelPackage.load(cut, Device.cpu()));
    }

    @Test
    void zipSlipEntriesAreRejected() throws IOException {
        Path evil = zip("evil.zip", Map.of(ModelPackage.DESCRIPTOR, entry(good, ModelPackage.DESCRIPTOR),
                "../../outside.txt", new byte[] { 1 }));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPackage.open(evil));
        assertTrue(e.getMessage().contains("Unsafe entry"), e.getMessage());
        Path absolute = zip("absolute.zip", Map.of("/etc/passwd", new byte[] { 1 }));
        assertThrows(ModelFormatException.class, () -> ModelPackage.open(absolute));
    }

    @Test
    void missingEntriesAreNamed() throws IOException {
        Path noWeights = zip("noweights.zip", Map.of(ModelPackage.DESCRIPTOR, entry(good, ModelPackage.DESCRIPTOR)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPackage.open(noWeights));
        assertTrue(e.getMessage().contains("generator.params is missing"), e.getMessage());
    }

    @Test
    void unknownFormatVersionIsRejected() throws IOException {
        String json = new String(entry(good, ModelPackage.DESCRIPTOR), StandardCharsets.UTF_8)
                .replace("\"formatVersion\": 1", "\"formatVersion\": 99");
        Path future = zip("future.zip", Map.of(ModelPackage.DESCRIPTOR, json.getBytes(StandardCharsets.UTF_8),
                ModelPackage.GENERATOR, entry(good, ModelPackage.GENERATOR)));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPackage.open(future));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    @Test
    void weightsThatDoNotFitTheDescribedNetworkAreRejected() throws IOException {
        String json = new String(entry(good, ModelPackage.DESCRIPTOR), StandardCharsets.UTF_8)
                .replace("\"features\": 4", "\"features\": 6");
        Path mismatched = zip("mismatch.zip", Map.of(ModelPackage.DESCRIPTOR, json.getBytes(StandardCharsets.UTF_8),
                ModelPackage.GENERATOR, entry(good, ModelPackage.GENERATOR)));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelPackage.load(mismatched, Device.cpu()));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }

    @Test
    void inconsistentDescriptorsAreRejected() {
        UNetSpec unet = UNetSpec.restoration(1, 1);
        assertThrows(ModelFormatException.class, () -> new ModelDescriptor("sr", "", ModelTask.SUPER_RESOLUTION,
                unet, ModelDescriptor.Normalization.DEFAULT, new ModelDescriptor.Tiling(64, 8, 0), null, null));
        assertThrows(ModelFormatException.class, () -> new ModelDescriptor("x", "", ModelTask.DENOISE,
                new ResidualSrSpec(1, 8, 1, 2), ModelDescriptor.Normalization.DEFAULT,
                new ModelDescriptor.Tiling(64, 8, 0), null, null));
        assertThrows(ModelFormatException.class, () -> ModelTask.fromId("sharpen"));
        assertThrows(ModelFormatException.class, () -> ModelJson.read("{\"format\": \"something-else\"}"));
        assertThrows(ModelFormatException.class, () -> ModelJson.read("{ not json"));
    }

    @Test
    void aLargeExtraEntryIsNeverReadToOpenDescribeOrLoadAPackage() throws IOException {
        Path file = dir.resolve("big-extra.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zeros(zip, "extra.bin", 50 << 20);
            put(zip, ModelPackage.DESCRIPTOR, entry(good, ModelPackage.DESCRIPTOR));
            put(zip, ModelPackage.GENERATOR, entry(good, ModelPackage.GENERATOR));
        }
        assertTrue(Files.size(file) < 1 << 20, "50 MB of zeros compress well: " + Files.size(file));
        breakFirstEntryData(file);

        ModelPackage pkg = ModelPackage.open(file);
        assertEquals("tiny", ModelPackage.describe(file).name());
        try (LoadedModel model = pkg.load(Device.cpu())) {
            assertEquals(ModelTask.DENOISE, model.descriptor().task());
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> pkg.entry("extra.bin"));
        assertTrue(e.getMessage().contains("extra.bin is corrupt"), "only a read would find the entry broken: "
                + e.getMessage());
    }

    @Test
    void weightsLargerThanTheDescribedNetworkCanHoldAreRefusedWithoutReadingThem() throws IOException {
        Path file = dir.resolve("big-weights.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, ModelPackage.DESCRIPTOR, entry(good, ModelPackage.DESCRIPTOR));
            zeros(zip, ModelPackage.GENERATOR, 50 << 20);
        }
        ModelPackage pkg = ModelPackage.open(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> pkg.load(Device.cpu()));
        assertTrue(e.getMessage().contains("entry generator.params is larger than "), e.getMessage());
    }

    /** Streams {@code bytes} zeros into a new entry, never holding them in memory. */
    private static void zeros(ZipOutputStream zip, String name, int bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        byte[] block = new byte[1 << 20];
        for (int written = 0; written < bytes; written += block.length) {
            zip.write(block, 0, Math.min(block.length, bytes - written));
        }
        zip.closeEntry();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Makes the first entry's deflate data start with block type 3, which no inflater accepts, so any read of that
     * entry fails: its local header is 30 bytes plus its name and extra field, whose lengths it states.
     */
    private static void breakFirstEntryData(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            long data = 30 + header.getShort(26) + header.getShort(28);
            channel.write(ByteBuffer.wrap(new byte[] { 0b111 }), data);
        }
    }

    private static byte[] entry(Path zip, String name) throws IOException {
        return ModelPackage.open(zip).entry(name);
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        return ZipFiles.write(dir.resolve(name), entries);
    }
}
