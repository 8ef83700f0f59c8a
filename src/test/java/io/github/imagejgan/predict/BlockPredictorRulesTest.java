package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.TestModels;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.task.UserException;

/** Block-wise runs see one plane at a time: models that need more than that plane are refused with the reason. */
class BlockPredictorRulesTest {

    @TempDir
    Path dir;

    @Test
    void aModelOfNeighbouringSlicesIsSentToTheFiles() throws IOException {
        Path model = TestModels.passThroughSlices(dir.resolve("slices.zip"), "slices", 1, 32);
        UserException e = assertThrows(UserException.class, () -> BlockPredictor.normalizer(ModelPackage.open(model)
                .descriptor()));
        assertTrue(e.getMessage().contains("from its neighbouring slices") && e.getMessage().contains(
                "run it on files"), e.getMessage());
    }

    @Test
    void anIsotropicRestorationModelIsSentToTheFiles() throws IOException {
        Path model = TestModels.passThroughIsotropic(dir.resolve("iso.zip"), "iso", 3, 32);
        UserException e = assertThrows(UserException.class, () -> BlockPredictor.normalizer(ModelPackage.open(model)
                .descriptor()));
        assertTrue(e.getMessage().contains("XZ and YZ views") && e.getMessage().contains("run it on files"),
                e.getMessage());
    }
}
