package io.github.imagejgan.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.testing.LabelScenes;

class SynthesizeCommandTest extends CommandTestBase {

    @BeforeEach
    void installSynthesisModel() throws IOException {
        TestModels.untrainedSynthesis(shipped.resolve("synth-test.zip"), "synth-test", new SpadeSpec(3, false, 1, 4,
                2), 32);
    }

    private static Map<String, Object> inputs(ImagePlus image, String model, Object... more) {
        Map<String, Object> inputs = new HashMap<>(Map.of("image", image, "model", model, "samples", 3, "seed",
                5L));
        for (int i = 0; i < more.length; i += 2) {
            inputs.put((String) more[i], more[i + 1]);
        }
        return inputs;
    }

    @Test
    void samplesComeAsAStackOfTheLabelImagesSizeAndTilesChangeNothing() throws Exception {
        ImagePlus labels = LabelScenes.labels(72, 4);
        Ran whole = run(SynthesizeCommand.class, inputs(labels, "synth-test"));
        ImagePlus out = (ImagePlus) whole.getOutput("result");
        assertEquals(72, out.getWidth());
        assertEquals(72, out.getHeight());
        assertEquals(3, out.getStackSize());
        assertEquals(32, out.getBitDepth());
        assertTrue(out.getStack().getSliceLabel(2).contains("seed 6"), out.getStack().getSliceLabel(2));
        float[] first = (float[]) out.getStack().getPixels(1);
        float[] second = (float[]) out.getStack().getPixels(2);
        boolean differ = false;
        for (int i = 0; i < first.length; i++) {
            differ |= first[i] != second[i];
        }
        assertTrue(differ, "each sample its own noise");
        ImagePlus tiled = (ImagePlus) run(SynthesizeCommand.class, inputs(labels, "synth-test", "tile", "16"))
                .getOutput("result");
        float[] tiledFirst = (float[]) tiled.getStack().getPixels(1);
        for (int i = 0; i < first.length; i++) {
            // Equal up to float rounding: 1e-4 of the network's range, which the model stretches 1000 times, or a
            // few float32 steps of the value itself (a pixel of -14145 differed by 0.013 on one CPU, one of 867 by
            // 0.011 on an AVX-512 one, whose kernels sum in another order); a wrong halo errs by hundreds.
            assertEquals(first[i], tiledFirst[i], Math.max(0.1f, 4e-6f * Math.abs(first[i])), "pixel " + i);
        }
    }

    @Test
    void greyImagesAndOtherModelsAreRefusedWithAMessage() throws Exception {
        FloatProcessor grey = new FloatProcessor(32, 32);
        grey.setf(7, 2, 0.25f);
        Ran notLabels = run(SynthesizeCommand.class, inputs(new ImagePlus("grey", grey), "synth-test"));
        assertTrue(notLabels.getCancelReason().contains("not a label image"), notLabels.getCancelReason());
        assertNull(notLabels.getOutput("result"));
        ImagePlus unknownClass = LabelScenes.labels(32, 1);
        unknownClass.getProcessor().set(3, 3, 9);
        Ran outside = run(SynthesizeCommand.class, inputs(unknownClass, "synth-test"));
        assertTrue(outside.getCancelReason().contains("Label 9 at (3, 3) is not one of the model's classes (0 to 2)"),
                outside.getCancelReason());
        Ran wrongTask = run(SynthesizeCommand.class, inputs(LabelScenes.labels(32, 1), "denoise-test"));
        assertTrue(wrongTask.getCancelReason().contains("is a denoise model; this operation needs a synthesis"),
                wrongTask.getCancelReason());
    }

    @Test
    void aModelFileCanBeChosenInsteadOfAName() throws Exception {
        Path file = shipped.resolve("synth-test.zip");
        ImagePlus out = (ImagePlus) run(SynthesizeCommand.class, inputs(LabelScenes.labels(32, 2),
                OperationCommand.OTHER_FILE, "modelFile", file.toFile(), "samples", 1)).getOutput("result");
        assertEquals(1, out.getStackSize());
    }
}
