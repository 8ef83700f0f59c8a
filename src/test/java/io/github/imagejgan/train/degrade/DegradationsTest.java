package io.github.imagejgan.train.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DegradationsTest {

    @Test
    void parsesEveryTypeWithSettingsAndDefaults() {
        assertEquals(new PoissonGaussianNoise(2, 0.5), Degradations.parse("poisson-gaussian:readNoise=2,"
                + "photonsPerUnit=0.5"));
        assertEquals(new GaussianNoise(10), Degradations.parse("gaussian"));
        assertEquals(new RicianNoise(3), Degradations.parse("rician:sigma=3"));
        assertEquals(new BlurDownsample(4, AntiAliasing.AREA, 1), Degradations.parse(
                "blur-downsample:factor=4, antiAliasing=area, blurSigma=1"));
        assertEquals(new RandomMask(MaskShape.BLOBS, 0.1, 0.2, 0), Degradations.parse("mask:shape=blobs,min=0.1,"
                + "max=0.2"));
        assertEquals(new JpegArtifacts(30), Degradations.parse("jpeg"));
    }

    @Test
    void chainsApplyStepsInOrderWithTheirOwnSeeds() {
        Degradation chain = Degradations.parse("blur-downsample:factor=2 + gaussian:sigma=1");
        DegradationChain steps = assertInstanceOf(DegradationChain.class, chain);
        assertEquals(2, steps.steps().size());
        float[] image = Stats.constant(32 * 16, 10);
        Degraded d = chain.apply(image, 32, 16, 7);
        assertEquals(16, d.width());
        assertEquals(8, d.height());
        assertEquals(1, Math.sqrt(Stats.variance(d.image())), 0.3);
        assertArrayEquals(d.image(), chain.apply(image, 32, 16, 7).image());
        assertNotEquals(d, chain.apply(image, 32, 16, 8));
        Map<String, Object> described = chain.describe();
        assertEquals("chain", described.get("type"));
        assertEquals(List.of(new BlurDownsample(2).describe(), new GaussianNoise(1).describe()), described.get(
                "steps"));
    }

    @Test
    void masksSurviveLaterNoiseButNotLaterResizing() {
        float[] image = Stats.constant(32 * 32, 10);
        Degraded d = new RandomMask(MaskShape.BOXES, 0.2, 0.2, 0).then(new GaussianNoise(1)).apply(image, 32, 32, 1);
        assertTrue(d.missing().isPresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomMask(
                MaskShape.BOXES, 0.2, 0.2, 0).then(new BlurDownsample(2)).apply(image, 32, 32, 1));
        assertTrue(e.getMessage().contains("apply the mask after resizing"), e.getMessage());
    }

    @Test
    void mistakesGetMessagesThatSayWhatIsAccepted() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Degradations.parse(
                "blurr"));
        assertTrue(unknown.getMessage().contains("blur-downsample"), unknown.getMessage());
        IllegalArgumentException setting = assertThrows(IllegalArgumentException.class, () -> Degradations.parse(
                "gaussian:sigam=3"));
        assertTrue(setting.getMessage().contains("sigma=10"), setting.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> Degradations.parse(
                "mask:shape=stars"));
        assertTrue(value.getMessage().contains("[boxes, strokes, blobs]"), value.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Degradations.parse("jpeg:quality=high"));
        assertThrows(IllegalArgumentException.class, () -> Degradations.parse(" "));
    }

    @Test
    void seedsForNeighbouringPartsDiffer() {
        assertNotEquals(Seeds.derive(1, 0), Seeds.derive(1, 1));
        assertNotEquals(Seeds.derive(1, 0), Seeds.derive(2, 0));
        assertEquals(Seeds.derive(5, 3), Seeds.derive(5, 3));
    }
}
