package io.github.imagejgan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.TestModels;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.UserException;
import io.github.imagejgan.testing.ZipFiles;

class ModelRegistryTest {

    @TempDir
    Path dir;

    private Path shipped;
    private Path user;
    private Path shippedModel;
    private ModelRegistry registry;

    @BeforeEach
    void makeFolders() throws IOException {
        shipped = Files.createDirectories(dir.resolve("shipped"));
        user = Files.createDirectories(dir.resolve("user"));
        shippedModel = tinyModel(shipped, "denoise-old");
        registry = new ModelRegistry(List.of(shipped), user);
    }

    @Test
    void theTasksRecommendedModelComesFirstAndTheRestKeepTheirOrder() throws IOException {
        tinyModel(shipped, "denoise-general");
        tinyModel(user, "a-mine");
        assertEquals(List.of("denoise-general", "denoise-old", "a-mine"), registry.list(ModelTask.DENOISE).stream()
                .map(ModelEntry::name).toList());
        assertEquals(List.of(), registry.list(ModelTask.STYLE));
    }

    @Test
    void aRetiredShippedModelsNameFindsTheModelThatReplacedIt() throws IOException {
        assertThrows(UserException.class, () -> registry.find("denoise-fluorescence"), "its replacement is missing");
        tinyModel(shipped, "denoise-general");
        assertEquals("denoise-general", registry.find("denoise-fluorescence").name());
        assertEquals("denoise-general", registry.find("denoise-ct-mr").name());
        assertEquals("denoise-general", ModelRegistry.replacementOf("denoise-ct-mr"));
        assertEquals("sr2-general", ModelRegistry.replacementOf("sr2-fluorescence"));
        assertEquals(null, ModelRegistry.replacementOf("denoise-old"));
        assertEquals(List.of("denoise-general", "denoise-old"), registry.list().stream().map(ModelEntry::name)
                .sorted().toList(), "retired names are not offered");
        tinyModel(user, "denoise-fluorescence");
        assertEquals("denoise-fluorescence", registry.find("denoise-fluorescence").name(),
                "a model of the retired name itself comes first");
    }

    @Test
    void deleteRefusesAPathThatLeadsFromTheUserFolderToAShippedModel() {
        String traversal = user + "/../shipped/denoise-old.zip";
        UserException e = assertThrows(UserException.class, () -> registry.delete(traversal));
        assertTrue(e.getMessage().contains("not a model name"), e.getMessage());
        assertTrue(Files.isRegularFile(shippedModel), "the shipped model is still there");
    }

    @Test
    void deleteRefusesRelativePathsAndFileNames() {
        for (String notAName : List.of("../shipped/denoise-old", "..", "denoise-old.zip", "sub\\model",
                shippedModel.toString())) {
            assertThrows(UserException.class, () -> registry.delete(notAName), notAName);
        }
        assertTrue(Files.isRegularFile(shippedModel));
    }

    @Test
    void deleteRefusesAShippedModelByName() {
        UserException e = assertThrows(UserException.class, () -> registry.delete("denoise-old"));
        assertTrue(e.getMessage().contains("shipped model and cannot be deleted"), e.getMessage());
        assertTrue(Files.isRegularFile(shippedModel));
    }

    @Test
    void deleteRefusesAUserEntryThatIsALinkToAShippedModel() throws IOException {
        Path link = Files.createSymbolicLink(user.resolve("linked.zip"), shippedModel);
        UserException e = assertThrows(UserException.class, () -> registry.delete("linked"));
        assertTrue(e.getMessage().contains("outside the user model folder"), e.getMessage());
        assertTrue(Files.isRegularFile(shippedModel), "the link's target is untouched");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void deleteRemovesAUserModelByNameAlsoWhenTheUserFolderIsReachedThroughALink() throws IOException {
        Path mine = tinyModel(user, "mine");
        ModelRegistry linked = new ModelRegistry(List.of(shipped), Files.createSymbolicLink(dir.resolve("models"),
                user));
        linked.delete("mine");
        assertFalse(Files.exists(mine));
        assertTrue(Files.isRegularFile(shippedModel));
    }

    @Test
    void deleteNamesTheUserModelsWhenTheNameIsUnknown() throws IOException {
        tinyModel(user, "mine");
        UserException e = assertThrows(UserException.class, () -> registry.delete("yours"));
        assertTrue(e.getMessage().contains("No model named 'yours'") && e.getMessage().contains("mine"),
                e.getMessage());
    }

    @Test
    void importRefusesPackagesWhoseNetworkDoesNotLoadAndWritesNothing() throws IOException {
        UNetSpec spec = new UNetSpec(1, 1, 2, 4, true, false, false);
        Path good = TestModels.passThrough(dir.resolve("good.zip"), "good", spec, ModelTask.DENOISE, 64, false);
        String json = new String(ModelPackage.open(good).entry(ModelPackage.DESCRIPTOR), StandardCharsets.UTF_8);
        byte[] weights = ModelPackage.open(good).entry(ModelPackage.GENERATOR);
        byte[] noise = new byte[weights.length];
        new Random(7).nextBytes(noise);
        Map<Path, String> refused = new LinkedHashMap<>();
        refused.put(pkg("wrong-shapes", json.replace("\"features\": 4", "\"features\": 6"), weights),
                "wrong-shapes.zip is not imported: The weights in generator.params do not fit");
        refused.put(pkg("random-bytes", json, noise),
                "random-bytes.zip is not imported: The weights in generator.params do not fit");
        refused.put(pkg("half", json, Arrays.copyOf(weights, weights.length / 2)),
                "half.zip is not imported: The weights in generator.params do not fit");
        refused.put(pkg("huge", json.replace("\"features\": 4", "\"features\": 100000"), weights),
                "'generator' is not a valid unet network: features must be 1 to 512, got 100000");
        refused.forEach((file, message) -> {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> registry.importPackage(file,
                    null, false), file.toString());
            assertTrue(e.getMessage().contains(message), e.getMessage());
        });
        try (Stream<Path> files = Files.list(user)) {
            assertEquals(List.of(), files.toList(), "nothing is written into the user folder");
        }
        assertEquals(List.of("denoise-old"), registry.list().stream().map(ModelEntry::name).toList());

        registry.importPackage(good, "mine", false);
        assertTrue(Files.isRegularFile(user.resolve("mine.zip")), "a package that runs is imported");
    }

    private Path pkg(String name, String json, byte[] weights) throws IOException {
        return ZipFiles.write(dir.resolve("bad").resolve(name + ".zip"), Map.of(ModelPackage.DESCRIPTOR,
                json.getBytes(StandardCharsets.UTF_8), ModelPackage.GENERATOR, weights));
    }

    private static Path tinyModel(Path folder, String name) throws IOException {
        return TestModels.passThrough(folder.resolve(name + ".zip"), name, new ResidualDenoiserSpec(1, 2, 2),
                ModelTask.DENOISE, 32, false);
    }
}
