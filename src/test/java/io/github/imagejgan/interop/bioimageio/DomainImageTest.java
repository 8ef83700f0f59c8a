package io.github.imagejgan.interop.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.interop.bioimageio.DomainImage.Choice;
import io.github.imagejgan.interop.bioimageio.DomainImage.Domain;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.UNetSpec;

/** The synthetic test input of an export without a test image: from the model's own domain, degraded for its task. */
class DomainImageTest {

    private static ModelDescriptor shipped(String name) throws IOException {
        return ModelPackage.open(Path.of("models", name + ".zip")).descriptor();
    }

    private static ModelDescriptor model(String name, String description, String data, ModelTask task) {
        return new ModelDescriptor(name, description, task, task == ModelTask.SUPER_RESOLUTION
                ? new ResidualSrSpec(1, 4, 1, 2) : new UNetSpec(1, 1, 1, 4, true, false, false),
                ModelDescriptor.Normalization.DEFAULT, new ModelDescriptor.Tiling(64, 8, 0),
                new ModelDescriptor.Provenance(data, Map.of(), 0, 0, 0, null, null), Map.of());
    }

    @Test
    void eachShippedModelGetsThePhantomOfItsDomainDegradedForItsTask() throws IOException {
        Choice sr4 = DomainImage.choose(shipped("sr4-general"));
        assertEquals(Domain.NATURAL, sr4.domain());
        assertTrue(sr4.degradation().startsWith("blur-downsample:factor=4"), sr4.toString());
        Choice style = DomainImage.choose(shipped("style-widefield-to-confocal"));
        assertEquals(new Choice(Domain.FLUORESCENCE, "membranes", style.degradation()), style);
        assertTrue(style.degradation().startsWith("defocus"), "a widefield image is hazy: " + style);
        // Its description names microscopy and medical images too; its name says it is general.
        Choice inpaint = DomainImage.choose(shipped("inpaint-general"));
        assertEquals(Domain.NATURAL, inpaint.domain());
        assertNull(inpaint.degradation(), "the export cuts the holes itself");
    }

    /** Models of one domain, named and described as the fixed-level models shipped before the general ones. */
    @Test
    void aDomainModelGetsThePhantomOfItsDomain() {
        Choice ct = DomainImage.choose(ctModel());
        assertEquals(new Choice(Domain.CT, "ct", "gaussian:sigma=40"), ct, "noise of 40 HU");
        Choice fluorescence = DomainImage.choose(model("denoise-fluorescence", "Fluorescence denoising "
                + "(Poisson-Gaussian noise, 0.05-1 photons per grey value)", "", ModelTask.DENOISE));
        assertEquals(Domain.FLUORESCENCE, fluorescence.domain());
        assertTrue(fluorescence.degradation().startsWith("poisson-gaussian"), fluorescence.toString());
        Choice sr2 = DomainImage.choose(model("sr2-fluorescence", "x2 super-resolution of fluorescence images "
                + "(Gaussian anti-aliased downsampling, mild noise)", "", ModelTask.SUPER_RESOLUTION));
        assertEquals(Domain.FLUORESCENCE, sr2.domain());
        assertTrue(sr2.degradation().startsWith("blur-downsample:factor=2"), sr2.toString());
    }

    private static ModelDescriptor ctModel() {
        return model("denoise-ct-mr", "Low-dose CT (Gaussian noise, 40 HU) and MR (Rician noise) denoising, 16-bit",
                "", ModelTask.DENOISE);
    }

    @Test
    void aNameWithoutADomainLeavesItToTheDescriptionThenTheTrainingData() {
        assertEquals(Domain.MR, DomainImage.choose(model("my-model", "Denoises brain MRI", "", ModelTask.DENOISE))
                .domain());
        Choice filaments = DomainImage.choose(model("run-7", "", "phantom filaments, 32 images", ModelTask.DENOISE));
        assertEquals(Domain.FLUORESCENCE, filaments.domain());
        assertEquals("filaments", filaments.phantom());
        assertEquals(Domain.NATURAL, DomainImage.choose(model("run-8", "", "", ModelTask.DENOISE)).domain(),
                "nothing said: a natural scene");
    }

    @Test
    void renderedInputsHaveTheInputSizeAndTheValuesOfTheirDomain() throws IOException {
        TensorPlanes ct = DomainImage.render(ctModel(), 1, 96, 64);
        assertEquals(96, ct.width());
        assertEquals(64, ct.height());
        // CT is stored as Hounsfield units plus 1024: air near 24, bone above 1524.
        assertTrue(min(ct) < 1024 - 500 && ct.maxAbs() > 1024 + 500, min(ct) + " to " + ct.maxAbs());
        TensorPlanes scene = DomainImage.render(model("sr", "", "", ModelTask.SUPER_RESOLUTION), 2, 40, 40);
        assertEquals(2, scene.channels());
        assertEquals(40, scene.width(), "rendered at twice the size, then downsampled");
        assertTrue(scene.maxAbs() <= 255, "a dead-leaves scene is 8-bit: " + scene.maxAbs());
        assertTrue(scene.maxDifference(new TensorPlanes(2, 40, 40, new float[][] { scene.planes()[1],
                scene.planes()[0] })) > 10, "each channel is a scene of its own");
    }

    private static double min(TensorPlanes planes) {
        double min = Double.POSITIVE_INFINITY;
        for (float v : planes.planes()[0]) {
            min = Math.min(min, v);
        }
        return min;
    }
}
