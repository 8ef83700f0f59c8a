package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class LossesTest {

    @Test
    void adversarialLossesMatchTheirDefinitions() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.create(new float[] { 2f, 0f });
            NDArray fake = m.create(new float[] { -1f, 1f });
            // LSGAN: 0.5*mean((r-1)^2) + 0.5*mean(f^2) = 0.5*1 + 0.5*1; G: mean((f-1)^2) = (4+0)/2.
            assertEquals(1f, AdversarialLoss.LSGAN.discriminator(real, fake).getFloat(), 1e-6);
            assertEquals(2f, AdversarialLoss.LSGAN.generator(fake).getFloat(), 1e-6);
            // Hinge: mean(relu(1-r)) = (0+1)/2, mean(relu(1+f)) = (0+2)/2; G: -mean(f) = 0.
            assertEquals(1.5f, AdversarialLoss.HINGE.discriminator(real, fake).getFloat(), 1e-6);
            assertEquals(0f, AdversarialLoss.HINGE.generator(fake).getFloat(), 1e-6);
            // BCE: softplus(-r) and softplus(f) averaged; G: softplus(-f).
            double d = (sp(-2) + sp(0)) / 2 + (sp(-1) + sp(1)) / 2;
            assertEquals(d, AdversarialLoss.BCE.discriminator(real, fake).getFloat(), 1e-6);
            assertEquals((sp(1) + sp(-1)) / 2, AdversarialLoss.BCE.generator(fake).getFloat(), 1e-6);
            // Stable for large scores, where a naive log(1 + e^x) overflows.
            assertEquals(100f, AdversarialLoss.softPlus(m.create(new float[] { 100f })).getFloat(), 1e-4);
        }
    }

    private static double sp(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void reconstructionLosses() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(0, 1, new Shape(2, 1, 24, 24));
            NDArray b = a.add(0.25f);
            assertEquals(0.25f, ReconstructionLoss.L1.between(a, b).getFloat(), 1e-6);
            assertEquals(0f, ReconstructionLoss.SSIM.between(a, a).getFloat(), 1e-5, "SSIM(x, x) = 1");
            NDArray noisy = a.add(m.randomNormal(0, 0.2f, new Shape(2, 1, 24, 24), ai.djl.ndarray.types.DataType
                    .FLOAT32));
            float lossNoisy = ReconstructionLoss.SSIM.between(noisy, a).getFloat();
            assertTrue(lossNoisy > 0.1 && lossNoisy < 1.5, "noise lowers SSIM: loss " + lossNoisy);
        }
    }
}
