package io.github.imagejgan.degrade;

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

    @Test
    void rangesAreDrawnAnewForEveryImageWithinTheirBounds() {
        Degradation noise = Degradations.parse("gaussian:sigma=1..100");
        float[] image = Stats.constant(64 * 64, 500);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        int belowTen = 0;
        for (long seed = 0; seed < 60; seed++) {
            double sigma = Math.sqrt(Stats.variance(noise.apply(image, 64, 64, seed).image()));
            assertTrue(sigma > 0.8 && sigma < 110, "sigma " + sigma + " lies in the range");
            lowest = Math.min(lowest, sigma);
            highest = Math.max(highest, sigma);
            belowTen += sigma < 10 ? 1 : 0;
        }
        assertTrue(lowest < 5 && highest > 30, "the range is covered: " + lowest + ".." + highest);
        // Log-uniform: a decade of the range is as likely as the other, so about half the draws lie below 10.
        assertTrue(belowTen > 15 && belowTen < 45, belowTen + " of 60 draws below 10");
        assertArrayEquals(noise.apply(image, 64, 64, 3).image(), noise.apply(image, 64, 64, 3).image());
        assertEquals("1..100", noise.describe().get("sigma"));
    }

    @Test
    void aRangeOfWholeNumbersFeedsSettingsThatTakeWholeNumbers() {
        Degradation jpeg = Degradations.parse("jpeg:quality=10..90");
        float[] image = new float[32 * 32];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i * 37) % 255;
        }
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (long seed = 0; seed < 12; seed++) {
            distinct.add(java.util.Arrays.hashCode(jpeg.apply(image, 32, 32, seed).image()));
        }
        assertTrue(distinct.size() > 3, "qualities drawn from the range: " + distinct.size() + " distinct results");
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> Degradations.parse("jpeg:quality=10.5..90"));
        assertTrue(fraction.getMessage().contains("whole number"), fraction.getMessage());
    }

    @Test
    void alternativesPickOneDegradationPerImage() {
        Degradation either = Degradations.parse("gaussian:sigma=1 | gaussian:sigma=50");
        Alternatives alternatives = assertInstanceOf(Alternatives.class, either);
        assertEquals(2, alternatives.choices().size());
        float[] image = Stats.constant(32 * 32, 500);
        int weak = 0;
        for (long seed = 0; seed < 40; seed++) {
            double sigma = Math.sqrt(Stats.variance(either.apply(image, 32, 32, seed).image()));
            assertTrue(Math.abs(sigma - 1) < 0.3 || Math.abs(sigma - 50) < 10, "one of the two: " + sigma);
            weak += sigma < 10 ? 1 : 0;
        }
        assertTrue(weak > 8 && weak < 32, weak + " of 40 images got the first alternative");
        assertEquals("one-of", either.describe().get("type"));
    }

    @Test
    void badRangesAndEmptyAlternativesAreRejectedWhenRead() {
        IllegalArgumentException reversed = assertThrows(IllegalArgumentException.class,
                () -> Degradations.parse("gaussian:sigma=50..5"));
        assertTrue(reversed.getMessage().contains("low to high"), reversed.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Degradations.parse("gaussian:sigma=-5..5"));
        assertTrue(negative.getMessage().contains("non-negative"), negative.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Degradations.parse("gaussian | "));
        assertTrue(empty.getMessage().contains("Empty alternative"), empty.getMessage());
    }

    @Test
    void aSettingThatDoesNotParseSaysWhatItTakes() {
        assertEquals("gaussian: sigma must be a number, got 'lots'", assertThrows(IllegalArgumentException.class,
                () -> Degradations.parse("gaussian:sigma=lots")).getMessage());
        assertEquals("jpeg: quality must be a whole number, got '7.5'", assertThrows(IllegalArgumentException.class,
                () -> Degradations.parse("jpeg:quality=7.5")).getMessage());
        String shape = assertThrows(IllegalArgumentException.class, () -> Degradations.parse("mask:shape=circles"))
                .getMessage();
        assertTrue(shape.startsWith("mask: shape must be one of [boxes, "), shape);
        assertTrue(shape.endsWith("], got 'circles'"), shape);
        assertEquals(Degradations.parse("mask:shape=BOXES").describe(), Degradations.parse("mask:shape=boxes")
                .describe());
    }

    @Test
    void rangedSettingsAreDrawnInTheOrderOfTheirNamesInEveryRun() {
        // Each setting takes the next draw of the settings seed in name order (photonsPerUnit, then readNoise),
        // whatever order the specification lists them in: the same seed gives the same data in every JVM.
        float[] image = new float[32 * 32];
        for (int i = 0; i < image.length; i++) {
            image[i] = 100 + (i * 37) % 400;
        }
        java.util.Random draws = Seeds.random(5);
        double photons = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.9g",
                Math.exp(Math.log(0.02) + draws.nextDouble() * (Math.log(3) - Math.log(0.02)))));
        long readNoise = Math.round(draws.nextDouble() * 3);
        float[] expected = new PoissonGaussianNoise(readNoise, photons).apply(image, 32, 32, Seeds.derive(9, 1))
                .image();
        for (String spec : List.of("poisson-gaussian:readNoise=0..3,photonsPerUnit=0.02..3",
                "poisson-gaussian:photonsPerUnit=0.02..3,readNoise=0..3")) {
            assertArrayEquals(expected, Degradations.parse(spec).apply(image, 32, 32, 5, 9).image(), spec);
        }
    }
}
