package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.UserException;

class TileSizesTest {

    private static final UNetSpec UNET = UNetSpec.restoration(1, 1);
    private static final ModelDescriptor MODEL = new ModelDescriptor("m", "test", ModelTask.DENOISE, UNET,
            ModelDescriptor.Normalization.DEFAULT, ModelDescriptor.Tiling.forGenerator(UNET, 256), null, Map.of());

    @Test
    void parsesAutoAndPixelsAndRefusesTheRest() {
        assertEquals(0, TileSizes.parse("auto"));
        assertEquals(0, TileSizes.parse(" "));
        assertEquals(512, TileSizes.parse("512"));
        assertThrows(UserException.class, () -> TileSizes.parse("8"));
        assertThrows(UserException.class, () -> TileSizes.parse("big"));
    }

    @Test
    void autoTilesGrowWithTheBudgetUpToTheImageAndStayOnTheNetworksGrid() {
        int small = TileSizes.auto(MODEL, 4096, 4096, 256L << 20);
        int large = TileSizes.auto(MODEL, 4096, 4096, 8L << 30);
        assertTrue(small < large, small + " vs " + large);
        assertEquals(0, small % UNET.divisor());
        assertEquals(0, large % UNET.divisor());
        assertEquals(1000, TileSizes.auto(MODEL, 1000, 600, 64L << 30), "an image that fits is one tile");
    }

    @Test
    void gpuBatchesAsManyTilesAsTheBudgetHoldsAndNeverMoreThanAPlaneHas() {
        assertEquals(1, TileSizes.batch(MODEL, 1024, 1024, 1024, 2L << 30), "one tile covers the plane");
        int batch = TileSizes.batch(MODEL, 128, 1024, 1024, 2L << 30);
        assertTrue(batch > 1 && batch <= 64, "batch " + batch);
        assertEquals(64, TileSizes.batch(MODEL, 128, 1024, 1024, 1L << 40), "at most the 64 tiles of the plane");
        assertEquals(1, TileSizes.batch(MODEL, 2048, 4096, 4096, 1L << 20), "at least one tile");
    }
}
