package io.github.imagejgan.image;

import java.util.List;

/**
 * Passes over every pixel of an image, each returning one tally of all of them. The image may be held in memory
 * ({@link #of}) or spread over many machines, which tally their parts and merge the results.
 */
@FunctionalInterface
public interface PixelPasses {

    /** Runs one pass: every pixel goes through a tally from {@code fresh}, and the tallies are merged. */
    <T extends PixelTally<T>> T pass(PixelTally.Factory<T> fresh);

    /** Passes over the rows of the given planes, in this thread. */
    static PixelPasses of(List<PlaneAccess> planes) {
        List<PlaneAccess> copy = List.copyOf(planes);
        return new PixelPasses() {
            @Override
            public <T extends PixelTally<T>> T pass(PixelTally.Factory<T> fresh) {
                T tally = fresh.get();
                PlaneRows.forEach(copy, tally::add);
                return tally;
            }
        };
    }
}
