package io.github.imagejgan.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.TestModels;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.task.UserException;

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
        shippedModel = tinyModel(shipped, "denoise-ct-mr");
        registry = new ModelRegistry(List.of(shipped), user);
    }

    @Test
    void deleteRefusesAPathThatLeadsFromTheUserFolderToAShippedModel() {
        String traversal = user + "/../shipped/denoise-ct-mr.zip";
        UserException e = assertThrows(UserException.class, () -> registry.delete(traversal));
        assertTrue(e.getMessage().contains("not a model name"), e.getMessage());
        assertTrue(Files.isRegularFile(shippedModel), "the shipped model is still there");
    }

    @Test
    void deleteRefusesRelativePathsAndFileNames() {
        for (String notAName : List.of("../shipped/denoise-ct-mr", "..", "denoise-ct-mr.zip", "sub\\model",
                shippedModel.toString())) {
            assertThrows(UserException.class, () -> registry.delete(notAName), notAName);
        }
        assertTrue(Files.isRegularFile(shippedModel));
    }

    @Test
    void deleteRefusesAShippedModelByName() {
        UserException e = assertThrows(UserException.class, () -> registry.delete("denoise-ct-mr"));
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

    private static Path tinyModel(Path folder, String name) throws IOException {
        return TestModels.passThrough(folder.resolve(name + ".zip"), name, new ResidualDenoiserSpec(1, 2, 2),
                ModelTask.DENOISE, 32, false);
    }
}
