package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.imagejgan.TestMonitors;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

class FillAdaptationTest {

    private static final int W = 48;
    private static final int H = 40;

    @Test
    void cropsHideOnlyKnownPixelsAndScoreExactlyThose() {
        // Each pixel's value is its index, so that a crop's targets say where each of its pixels came from.
        float[] plane = new float[W * H];
        byte[] holes = new byte[W * H];
        byte[] hidden = new byte[W * H];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = i;
            int x = i % W;
            int y = i / W;
            holes[i] = (byte) (x >= 10 && x < 14 || y == 30 ? 1 : 0);
            hidden[i] = (byte) (x >= 30 && x < 33 && y < 20 ? 1 : 0);
        }
        FillAdaptation.Crops crops = FillAdaptation.Crops.draw(List.of(plane), holes, hidden, W, H, 24, 16,
                new SplittableRandom(3));
        int area = 24 * 16;
        long scored = 0;
        for (int b = 0; b < FillAdaptation.BATCH; b++) {
            for (int p = 0; p < area; p++) {
                int i = Math.round(crops.target()[b * area + p]);
                float value = crops.input()[b * 2 * area + p];
                float masked = crops.input()[(b * 2 + 1) * area + p];
                float weight = crops.weights()[b * area + p];
                if (holes[i] != 0 || hidden[i] != 0) {
                    assertEquals(1, masked, "real and held-back pixels stay holes");
                    assertEquals(0, weight, "and are never scored");
                } else if (weight != 0) {
                    assertEquals(1, masked, "a scored pixel is hidden from the network");
                    assertEquals(0, value);
                    scored++;
                } else {
                    assertEquals(0, masked);
                    assertEquals(plane[i], value, "a known pixel is shown as it is");
                }
            }
        }
        assertEquals(scored, crops.targets());
        assertTrue(scored > 0, "shifted holes hide known pixels");
    }

    @Test
    void eachCropHidesSeveralCopiesOfTheHoles() {
        // One missing pixel and crops as large as the plane: every copy of the hole lands in the crop, so a crop
        // scores one pixel per copy (fewer only where copies meet or land on the hole itself).
        float[] plane = new float[W * H];
        byte[] holes = new byte[W * H];
        holes[5 * W + 7] = 1;
        SplittableRandom random = new SplittableRandom(11);
        int most = 0;
        for (int draw = 0; draw < 20; draw++) {
            FillAdaptation.Crops crops = FillAdaptation.Crops.draw(List.of(plane), holes, new byte[W * H], W, H, W, H,
                    random);
            for (int b = 0; b < FillAdaptation.BATCH; b++) {
                int scored = 0;
                for (int p = 0; p < W * H; p++) {
                    scored += crops.weights()[b * W * H + p] != 0 ? 1 : 0;
                }
                assertTrue(scored <= FillAdaptation.HOLE_COPIES, scored + " pixels scored");
                most = Math.max(most, scored);
            }
        }
        assertEquals(FillAdaptation.HOLE_COPIES, most);
        assertTrue(FillAdaptation.HOLE_COPIES > 1);
    }

    @Test
    void fittingLearnsTheImagesTextureAndLeavesTheNetworkAsItWas() {
        // Vertical stripes with vertical holes across them: a smooth fill from the sides misses the stripes, and
        // the image shows them everywhere else.
        float[] stripes = new float[W * H];
        byte[] holes = new byte[W * H];
        for (int i = 0; i < stripes.length; i++) {
            int x = i % W;
            stripes[i] = (float) (0.5 + 0.4 * Math.sin(2 * Math.PI * x / 5));
            holes[i] = (byte) (x % 16 >= 6 && x % 16 < 9 && i / W > 4 && i / W < 34 ? 1 : 0);
        }
        InpaintingSpec spec = new InpaintingSpec(1, 2, 8);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = texturedNetwork(spec, manager);
            float[] before = parameters(network);
            double untrained = holeError(network, stripes, holes, manager);
            try (FillAdaptation.Adapted adapted = FillAdaptation.adapt(network, spec, List.of(stripes), holes,
                    new byte[W * H], W, H, 60, 1e-3f, manager, TaskMonitor.NONE)) {
                assertNotSame(network, adapted.network());
                assertEquals(60, adapted.steps());
                GradientMode.disableOnThisThread();
                double fitted = holeError(adapted.network(), stripes, holes, manager);
                assertTrue(fitted < 0.5 * untrained, "fitted " + fitted + " against " + untrained);
            }
            assertArrayEquals(before, parameters(network), "the network fitted was a copy");
        }
    }

    /** A network that adds texture (noise) to its fill, as a trained one adds texture. */
    private static Block texturedNetwork(InpaintingSpec spec, NDManager manager) {
        Engine.getInstance().setRandomSeed(5);
        Block network = Networks.create(spec, manager);
        // NB: a fresh network outputs its fill (its last layer is zero).
        for (var p : network.getParameters()) {
            NDArray weights = p.getValue().getArray();
            weights.setRequiresGradient(false);
            weights.addi(manager.randomNormal(0, 0.05f, weights.getShape(), weights.getDataType()));
            weights.setRequiresGradient(true);
        }
        return network;
    }

    /** Vertical stripes of a period of 5 pixels at {@code phase}, and vertical holes across them. */
    private static FillAdaptation.Plane stripes(double phase) {
        float[] stripes = new float[W * H];
        byte[] holes = new byte[W * H];
        for (int i = 0; i < stripes.length; i++) {
            int x = i % W;
            stripes[i] = (float) (0.5 + 0.4 * Math.sin(2 * Math.PI * x / 5 + phase));
            holes[i] = (byte) (x % 16 >= 6 && x % 16 < 9 && i / W > 4 && i / W < 34 ? 1 : 0);
        }
        return new FillAdaptation.Plane(List.of(stripes), holes, new byte[W * H]);
    }

    @Test
    void oneFitLearnsFromEveryPlaneOfAStackInTheStepsOfOne() {
        InpaintingSpec spec = new InpaintingSpec(1, 2, 8);
        List<FillAdaptation.Plane> stack = List.of(stripes(0), stripes(2), stripes(4));
        int[] reads = new int[stack.size()];
        FillAdaptation.Planes planes = new FillAdaptation.Planes() {
            @Override
            public int count() {
                return stack.size();
            }

            @Override
            public FillAdaptation.Plane read(int index) {
                reads[index]++;
                return stack.get(index);
            }
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = texturedNetwork(spec, manager);
            double[] untrained = new double[stack.size()];
            for (int i = 0; i < stack.size(); i++) {
                untrained[i] = holeError(network, stack.get(i).channels().get(0), stack.get(i).holes(), manager);
            }
            List<String> messages = new ArrayList<>();
            try (FillAdaptation.Adapted adapted = FillAdaptation.adapt(network, spec, planes, W, H, 60, 1e-3f,
                    manager, TestMonitors.reporting((done, total, message) -> messages.add(message)))) {
                assertEquals(60, adapted.steps(), "the steps of one plane, not of three");
                assertEquals(60, messages.size());
                assertEquals("Fitting the network to the image: step 60 of 60", messages.get(59));
                GradientMode.disableOnThisThread();
                for (int i = 0; i < stack.size(); i++) {
                    assertTrue(reads[i] > 0, "plane " + i + " was drawn");
                    double fitted = holeError(adapted.network(), stack.get(i).channels().get(0), stack.get(i)
                            .holes(), manager);
                    assertTrue(fitted < 0.5 * untrained[i], "plane " + i + ": fitted " + fitted + " against "
                            + untrained[i]);
                }
            }
        }
    }

    @Test
    void nothingIsFittedWithoutStepsHolesOrRoom() {
        InpaintingSpec spec = new InpaintingSpec(1, 2, 4);
        float[] plane = new float[W * H];
        byte[] holes = new byte[W * H];
        holes[5 * W + 5] = 1;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = Networks.create(spec, manager);
            List<float[]> planes = List.of(plane);
            for (FillAdaptation.Adapted none : List.of(
                    FillAdaptation.adapt(network, spec, planes, holes, new byte[W * H], W, H, 0, manager,
                            TaskMonitor.NONE),
                    FillAdaptation.adapt(network, spec, planes, new byte[W * H], new byte[W * H], W, H, 5, manager,
                            TaskMonitor.NONE),
                    FillAdaptation.adapt(network, spec, List.of(new float[3 * H]), new byte[3 * H],
                            new byte[3 * H], 3, H, 5, manager, TaskMonitor.NONE))) {
                assertSame(network, none.network());
                assertEquals(0, none.steps());
                none.close();
            }
        }
    }

    @Test
    void aFitThatDivergesGivesBackTheNetworkAsTrained() {
        InpaintingSpec spec = new InpaintingSpec(1, 2, 4);
        float[] plane = new float[W * H];
        byte[] holes = new byte[W * H];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (float) Math.sin(i);
            holes[i] = (byte) (i % W >= 20 && i % W < 24 ? 1 : 0);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = Networks.create(spec, manager);
            try (FillAdaptation.Adapted diverged = FillAdaptation.adapt(network, spec, List.of(plane), holes,
                    new byte[W * H], W, H, 40, 1e30f, manager, TaskMonitor.NONE)) {
                assertSame(network, diverged.network());
                assertEquals(0, diverged.steps());
            }
        }
    }

    @Test
    void cancellingStopsTheFit() {
        InpaintingSpec spec = new InpaintingSpec(1, 2, 4);
        byte[] holes = new byte[W * H];
        holes[5 * W + 5] = 1;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = Networks.create(spec, manager);
            assertThrows(CancelledException.class, () -> FillAdaptation.adapt(network, spec,
                    List.of(new float[W * H]), holes, new byte[W * H], W, H, 5, manager, TestMonitors.CANCELLED));
        }
    }

    @Test
    void stepsAreCheckedWhereTheyAreChosen() {
        assertEquals(PredictionOptions.DEFAULT_ADAPTATION, PredictionOptions.DEFAULT.adaptation());
        assertEquals(0, PredictionOptions.DEFAULT.withAdaptation(0).adaptation());
        UserException negative = assertThrows(UserException.class, () -> PredictionOptions.DEFAULT.withAdaptation(-1));
        assertTrue(negative.getMessage().contains("0 (off)"), negative.getMessage());
        assertThrows(UserException.class, () -> PredictionOptions.DEFAULT.withAdaptation(
                PredictionOptions.MAX_ADAPTATION + 1));
    }

    /** Mean squared error in the holes of the network's result on the image with its holes. */
    private static double holeError(Block network, float[] image, byte[] holes, NDManager manager) {
        float[] input = new float[2 * W * H];
        for (int i = 0; i < image.length; i++) {
            input[i] = holes[i] != 0 ? 0 : image[i];
            input[W * H + i] = holes[i];
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray out = network.forward(new ParameterStore(scope, false), new NDList(scope.create(input,
                    new Shape(1, 2, H, W))), false).singletonOrThrow();
            float[] result = out.toFloatArray();
            double sum = 0;
            int n = 0;
            for (int i = 0; i < image.length; i++) {
                if (holes[i] != 0) {
                    sum += (result[i] - image[i]) * (result[i] - image[i]);
                    n++;
                }
            }
            return sum / n;
        }
    }

    private static float[] parameters(Block network) {
        List<float[]> all = new ArrayList<>();
        int n = 0;
        for (var p : network.getParameters()) {
            float[] values = p.getValue().getArray().toFloatArray();
            all.add(values);
            n += values.length;
        }
        float[] joined = new float[n];
        int at = 0;
        for (float[] values : all) {
            System.arraycopy(values, 0, joined, at, values.length);
            at += values.length;
        }
        return joined;
    }
}
