package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PixelPasses;
import io.github.imagejgan.image.PixelTally;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.PlaneWindow;

/**
 * Passes over the planes of some channels of an OME-Zarr image on the cluster: bands of rows, one chunk high and the
 * plane's width, are tallied by the tasks, each task merging its bands into one tally, and the driver merges those.
 * Planes are numbered as the image's own planes are in memory (frame, then slice, then channel), so messages name
 * the same places.
 */
final class ZarrPasses implements PixelPasses, Serializable {

    private static final long serialVersionUID = 1L;

    /** Rows {@code y0..y1} of the plane numbered {@code plane}: channel c, slice z, frame t. */
    record Band(int plane, int c, int z, int t, int y0, int y1) implements Serializable {
    }

    private final transient JavaSparkContext spark;
    private final String location;
    private final List<Band> bands = new ArrayList<>();

    ZarrPasses(JavaSparkContext spark, String location, ZarrImage image, int[] channels) {
        this.spark = spark;
        this.location = location;
        int band = image.chunk(ZarrImage.Y);
        int plane = 0;
        for (int t = 0; t < image.size(ZarrImage.T); t++) {
            for (int z = 0; z < image.size(ZarrImage.Z); z++) {
                for (int c : channels) {
                    for (int y0 = 0; y0 < image.height(); y0 += band) {
                        bands.add(new Band(plane, c, z, t, y0, Math.min(image.height(), y0 + band)));
                    }
                    plane++;
                }
            }
        }
    }

    @Override
    public <T extends PixelTally<T>> T pass(PixelTally.Factory<T> fresh) {
        String where = location;
        int slices = Math.min(bands.size(), Math.max(1, spark.defaultParallelism() * 2));
        return spark.parallelize(bands, slices).mapPartitions((Iterator<Band> it) -> {
            ZarrImage image = ZarrImage.open(where);
            T tally = fresh.get();
            FloatBuffer row = FloatBuffer.allocate(image.width());
            while (it.hasNext()) {
                tallyBand(image, it.next(), tally, row);
            }
            return List.of(tally).iterator();
        }).reduce(PixelTally::merge);
    }

    private static <T extends PixelTally<T>> void tallyBand(ZarrImage image, Band band, T tally, FloatBuffer row) {
        PlaneWindow window = new PlaneWindow(0, band.y0(), image.width(), band.y1() - band.y0());
        try {
            PlaneAccess pixels = PlacedPlane.plane(image.readPlane(band.c(), band.z(), band.t(), window),
                    window.width(), window.height());
            for (int y = 0; y < window.height(); y++) {
                pixels.readRow(y, 0, window.width(), row, 0, LinearMap.IDENTITY);
                tally.add(row, window.width(), band.plane(), band.y0() + y);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
