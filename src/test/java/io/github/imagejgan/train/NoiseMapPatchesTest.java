package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.types.Shape;
import io.github.imagejgan.image.NoiseLevel;

/** Training batches of a denoiser with a noise map: each input with its own estimate, as prediction makes it. */
class NoiseMapPatchesTest {

    @Test
    void eachInputGetsTheNoiseMapOfItsOwnEstimateAsALastChannel() {
        int size = 48;
        int plane = size * size;
        float[] input = new float[2 * plane];
        Random random = new Random(5);
        double[] sigmas = { 0.02, 0.1 };
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < plane; i++) {
                input[b * plane + i] = (float) (0.3 + 0.4 * (i % size) / size + random.nextGaussian() * sigmas[b]);
            }
        }
        float[] target = new float[2 * plane];
        PatchBatch batch = new PatchBatch(input, new Shape(2, 1, size, size), target, new Shape(2, 1, size, size));
        TrainingData data = new TrainingData(null, List.of(batch), List.of()).withNoiseMap();
        PatchBatch mapped = data.validation().get(0);
        assertEquals(new Shape(2, 2, size, size), mapped.inputShape());
        assertArrayEquals(target, mapped.target(), 0f);
        for (int b = 0; b < 2; b++) {
            float[] image = Arrays.copyOfRange(input, b * plane, (b + 1) * plane);
            assertArrayEquals(image, Arrays.copyOfRange(mapped.input(), 2 * b * plane, (2 * b + 1) * plane), 0f,
                    "the image channel is unchanged");
            float[] map = Arrays.copyOfRange(mapped.input(), (2 * b + 1) * plane, (2 * b + 2) * plane);
            NoiseLevel own = NoiseLevel.estimate(image, size, size);
            for (int i = 0; i < plane; i += 31) {
                assertEquals(own.sigma(image[i]), map[i], 0f, "as prediction maps a whole image: patch " + b);
            }
            assertEquals(sigmas[b], map[plane / 2], 0.25 * sigmas[b], "the patch's own noise level");
        }
    }
}
