package io.github.imagejgan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ShippedModelFoldersTest {

    private static final Optional<Path> JAR = Optional.of(Path.of("/opt/imagej-gan/target/imagej-gan-0.1.0.jar"));

    private static List<Path> folders(Map<String, String> properties, Optional<Path> jar) {
        return ShippedModelFolders.of(properties::get, jar);
    }

    @Test
    void theListedFoldersComeFirst() {
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), folders(Map.of("imagejgan.shipped.models",
                "/a" + File.pathSeparator + "/b", "imagej.dir", "/fiji"), JAR));
    }

    @Test
    void fijiAndImageJKeepThemInTheirModelsFolder() {
        assertEquals(List.of(Path.of("/fiji/models/imagej-gan")), folders(Map.of("imagej.dir", "/fiji"), JAR));
        assertEquals(List.of(Path.of("/ij/models/imagej-gan")), folders(Map.of("ij.dir", "/ij"), JAR));
    }

    @Test
    void aJarOnItsOwnLooksBesideItselfAndInTheFolderAbove() {
        assertEquals(List.of(Path.of("/opt/imagej-gan/target/models"), Path.of("/opt/imagej-gan/models")),
                folders(Map.of(), JAR), "a release unpacked with models/, or target/ of a checkout");
    }

    @Test
    void classesFromAFolderLookNowhereUnlessTold() {
        assertEquals(List.of(), folders(Map.of(), Optional.empty()));
    }
}
