package io.github.imagejgan.degrade;

import java.util.Random;

/**
 * Independent seeds for the parts of one seeded computation (the steps of a chain, the images of a data set), so
 * that each part can be reproduced on its own and neighbouring seeds give unrelated random streams.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A seed for part {@code index} of the computation seeded with {@code seed}. */
    public static long derive(long seed, long index) {
        return mix(seed + (index + 1) * 0x9E3779B97F4A7C15L);
    }

    /**
     * A random generator for {@code seed}. {@code new Random(seed)} would do, except that its first values are
     * nearly the same for nearby seeds (seeds 0, 1, 2... all start with a first nextDouble() within 0.001 of each
     * other), so the first random choice of every image would be alike.
     */
    public static Random random(long seed) {
        return new Random(mix(seed));
    }

    /** SplitMix64's finalizer: a bijective mix in which every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
