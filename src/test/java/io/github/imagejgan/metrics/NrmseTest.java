package io.github.imagejgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.metrics.Nrmse.Normalization;

class NrmseTest {

    @Test
    void matchesScikitImageForEachNormalization() {
        for (ReferenceImages.Case c : List.of(ReferenceImages.a(), ReferenceImages.b(), ReferenceImages.c())) {
            assertEquals(c.nrmseEuclidean(), Nrmse.of(c.reference(), c.test(), Normalization.EUCLIDEAN), 1e-12);
            assertEquals(c.nrmseMinMax(), Nrmse.of(c.reference(), c.test(), Normalization.MIN_MAX), 1e-12);
            assertEquals(c.nrmseMean(), Nrmse.of(c.reference(), c.test(), Normalization.MEAN), 1e-12);
        }
    }

    @Test
    void matchesHandComputedValue() {
        // Errors 1, -2, 0, 3: RMSE = sqrt(14/4) = 1.8708; reference range 30, mean 25, RMS sqrt(3000/4) = 27.386.
        float[] ref = { 10, 20, 30, 40 };
        float[] test = { 11, 18, 30, 43 };
        assertEquals(Math.sqrt(3.5) / 30, Nrmse.of(ref, test, Normalization.MIN_MAX), 1e-12);
        assertEquals(Math.sqrt(3.5) / 25, Nrmse.of(ref, test, Normalization.MEAN), 1e-12);
        assertEquals(Math.sqrt(3.5) / Math.sqrt(750), Nrmse.of(ref, test, Normalization.EUCLIDEAN), 1e-12);
    }

    @Test
    void aConstantReferenceCannotBeNormalizedByItsRange() {
        float[] flat = { 5, 5, 5 };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nrmse.of(flat,
                new float[] { 5, 6, 5 }, Normalization.MIN_MAX));
        assertEquals(true, e.getMessage().contains("choose another normalization"), e.getMessage());
    }
}
