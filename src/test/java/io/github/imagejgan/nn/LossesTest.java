package io.github.imagejgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.imagejgan.train.TrainingRequest;

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

    @Test
    void logL1CountsEachImageByItsErrorRelativeToItsOwn() {
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray target = m.zeros(new Shape(2, 1, 8, 8));
            NDArray output = texturedAndNearlyRestored(m);
            NDArray loss = ReconstructionLoss.LOG_L1.between(output, target);
            float floor = ReconstructionLoss.LOG_FLOOR;
            assertEquals((Math.log(0.1 + floor) + Math.log(0.001 + floor)) / 2, loss.getFloat(), 1e-5);
            collector.backward(loss);
            float[] g = output.getGradient().toFloatArray();
            // d/dx of log(mean|x| + floor) / 2 = 1 / (2 * 64 * (e + floor)) for each pixel of an image with error e.
            assertEquals(1 / (128 * (0.1 + floor)), g[0], 1e-6);
            assertEquals(1 / (128 * (0.001 + floor)), g[64], 1e-4);
            // Under L1 both images would pull equally; here the nearly restored one pulls about 90 times harder.
            assertTrue(g[64] / g[0] > 80, "gradient ratio " + g[64] / g[0]);
        }
        assertEquals(ReconstructionLoss.LOG_L1, TrainingRequest.loss(ReconstructionLoss.class, "log-l1", "loss"));
        assertEquals(ReconstructionLoss.LOG_L1, TrainingRequest.loss(ReconstructionLoss.class, "LOG_L1", "loss"));
        assertFalse(ReconstructionLoss.LOG_L1.pixelWise(), "not a sum over pixels: no per-pixel weights");
    }

    @Test
    void logL2IsMinusTheMeanPsnrOfTheImages() {
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray target = m.zeros(new Shape(2, 1, 8, 8));
            NDArray output = texturedAndNearlyRestored(m);
            NDArray loss = ReconstructionLoss.LOG_L2.between(output, target);
            double floor = (double) ReconstructionLoss.LOG_FLOOR * ReconstructionLoss.LOG_FLOOR;
            double first = Math.log(0.01 + floor);
            double second = Math.log(1e-6 + floor);
            assertEquals((first + second) / 2, loss.getFloat(), 1e-4);
            // PSNR over a range of 1 is -10 log10(mse): the loss is minus the mean PSNR times ln(10) / 10.
            double meanPsnr = -10 * (Math.log10(0.01 + floor) + Math.log10(1e-6 + floor)) / 2;
            assertEquals(-meanPsnr * Math.log(10) / 10, loss.getFloat(), 1e-4);
            collector.backward(loss);
            float[] g = output.getGradient().toFloatArray();
            // d/dx of log(mean x^2 + floor) / 2 = 2 x / (2 * 64 * (x^2 + floor)) for each pixel of an image off by x.
            assertEquals(0.1 / (64 * (0.01 + floor)), g[0], 1e-4);
            assertEquals(0.001 / (64 * (1e-6 + floor)), g[64], 1e-2);
            assertTrue(g[64] / g[0] > 80, "the nearly restored image pulls harder: ratio " + g[64] / g[0]);
        }
        assertEquals(ReconstructionLoss.LOG_L2, TrainingRequest.loss(ReconstructionLoss.class, "log-l2", "loss"));
        assertFalse(ReconstructionLoss.LOG_L2.pixelWise(), "not a sum over pixels: no per-pixel weights");
    }

    /**
     * Two 8 x 8 results against a target of zeros, gradients recorded: the first off by 0.1 everywhere, the second by
     * 0.001 (a textured and a nearly restored image).
     */
    private static NDArray texturedAndNearlyRestored(NDManager m) {
        NDArray output = m.create(new float[] { 0.1f, 0.001f }).reshape(2, 1, 1, 1).broadcast(2, 1, 8, 8).duplicate();
        output.setRequiresGradient(true);
        return output;
    }
}
