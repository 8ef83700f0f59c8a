package io.github.imagejgan.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MedicalPhantomsTest {

    private static final int SIZE = 160;

    @Test
    void thoraxHasAirLungSoftTissueAndBoneInTheirHounsfieldRanges() {
        float[] hu = new CtPhantom(SIZE, SIZE, CtPhantom.Anatomy.THORAX).render(4);
        assertTrue(Shapes.min(hu) >= -1024 && Shapes.max(hu) <= 3071, "HU within the 12-bit CT range");
        assertTrue(Shapes.fraction(hu, -1010, -990) > 0.2, "air around the body");
        assertTrue(Shapes.fraction(hu, -950, -700) > 0.08, "lungs: " + Shapes.fraction(hu, -950, -700));
        assertTrue(Shapes.fraction(hu, -150, 100) > 0.15, "fat and soft tissue");
        assertTrue(Shapes.fraction(hu, 300, 2000) > 0.005, "bone");
        assertTrue(Shapes.max(hu) > 600, "cortical bone " + Shapes.max(hu));
    }

    @Test
    void abdomenHasOrgansFatAndBowelGas() {
        float[] hu = new CtPhantom(SIZE, SIZE, CtPhantom.Anatomy.ABDOMEN).render(4);
        assertTrue(Shapes.fraction(hu, 20, 90) > 0.1, "organs and muscle: " + Shapes.fraction(hu, 20, 90));
        assertTrue(Shapes.fraction(hu, -150, -50) > 0.05, "fat");
        assertTrue(Shapes.fraction(hu, -950, -700) < 0.05, "no lungs, only gas pockets");
        assertTrue(Shapes.fraction(hu, -980, -600) > 0.001, "gas in stomach or bowel");
    }

    @Test
    void ctIsStoredAsHuPlus1024WithACalibration() {
        CtPhantom ct = CtPhantom.typical(32, 32);
        PixelEncoding encoding = ct.encoding();
        assertEquals(16, encoding.bitDepth());
        assertEquals(1024, encoding.offset());
        var image = encoding.toImage(new float[] { -1000, 0, 40, 1000 }, 2, 2, "ct");
        assertEquals(24, image.getProcessor().get(0));
        assertEquals(1064, image.getProcessor().get(2));
        assertEquals(40, image.getCalibration().getCValue(1064), 1e-9);
        assertEquals("HU", image.getCalibration().getValueUnit());
    }

    @Test
    void mrContrastInvertsFluidBetweenT1AndT2() {
        float[] t1 = new MrPhantom(SIZE, SIZE, MrPhantom.Weighting.T1).render(6);
        float[] t2 = new MrPhantom(SIZE, SIZE, MrPhantom.Weighting.T2).render(6);
        int fluid = 0;
        double t1Fluid = 0;
        double t1Brain = 0;
        int brain = 0;
        for (int i = 0; i < t1.length; i++) {
            if (t2[i] > 850) {
                fluid++;
                t1Fluid += t1[i];
            } else if (t2[i] > 400 && t2[i] < 560) {
                brain++;
                t1Brain += t1[i];
            }
        }
        assertTrue(fluid > 100 && brain > 1000, fluid + " fluid and " + brain + " white-matter pixels");
        assertTrue(t1Fluid / fluid < 0.5 * t1Brain / brain, "fluid dark in T1: " + t1Fluid / fluid + " vs "
                + t1Brain / brain);
        assertTrue(Shapes.min(t1) >= 0);
        assertEquals(0, t1[0], 1e-6, "air outside the head");
    }

    @Test
    void rejectsTinyImages() {
        assertThrows(IllegalArgumentException.class, () -> new CtPhantom(8, 64, CtPhantom.Anatomy.ANY));
        assertThrows(IllegalArgumentException.class, () -> new MrPhantom(64, 64, null));
    }
}
