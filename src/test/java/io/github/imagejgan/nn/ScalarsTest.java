package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

class ScalarsTest {

    @Test
    void aConstantFactorSurvivesAGarbageCollectionBetweenForwardAndBackward() {
        for (int trial = 0; trial < 20; trial++) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(new float[] { 1f, 2f, 3f, 4f });
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = Scalars.times(x.mean(), 100);
                    collectGarbage();
                    collector.backward(loss);
                }
                float[] gradient = x.getGradient().toFloatArray();
                for (float g : gradient) {
                    assertEquals(25f, g, 1e-5, "d(100 mean x)/dx in trial " + trial);
                }
            }
        }
    }

    @Test
    void timesKeepsTheArraysType() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] { 1f, -2f });
            NDArray y = Scalars.times(x, 0.5);
            assertEquals(x.getDataType(), y.getDataType());
            assertEquals(-1f, y.toFloatArray()[1], 0f);
        }
    }

    /** Frees whatever Java memory nothing refers to any more, as a collection during a long step would. */
    private static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            byte[][] pressure = new byte[64][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[1 << 16];
            }
            System.gc();
            assertEquals(1 << 16, pressure[pressure.length - 1].length);
        }
    }
}
