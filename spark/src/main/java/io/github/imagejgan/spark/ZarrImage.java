package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.imagejgan.image.PlaneWindow;
import io.github.imagejgan.task.UserException;

/**
 * An OME-Zarr image (format 0.4: a group whose {@code multiscales} name the axes and the arrays; only the full
 * resolution is read and written), seen as ImageJ sees images: planes of X and Y over channels, slices and frames.
 * A plain Zarr array reads as Y, X with Z, C, T before them as far as it has dimensions.
 *
 * @param array the full-resolution array
 * @param axes  the dimension of the array that holds T, C, Z, Y and X, or -1 where it has none
 * @param scale the pixel size along T, C, Z, Y, X (1 where unknown)
 * @param units the unit of each of those axes ("" where unknown)
 */
record ZarrImage(ZarrArray array, int[] axes, double[] scale, String[] units) implements Serializable {

    static final int T = 0;
    static final int C = 1;
    static final int Z = 2;
    static final int Y = 3;
    static final int X = 4;
    private static final String[] NAMES = { "t", "c", "z", "y", "x" };
    private static final String[] TYPES = { "time", "channel", "space", "space", "space" };

    /** Whether the location is a Zarr group or array. */
    static boolean isZarr(String location) throws IOException {
        return Storage.exists(Storage.child(location, ".zgroup")) || Storage.exists(Storage.child(location, ".zarray"));
    }

    static ZarrImage open(String location) throws IOException {
        if (Storage.exists(Storage.child(location, ".zarray"))) {
            ZarrArray array = ZarrArray.open(location);
            int n = array.shape().length;
            if (n < 2 || n > 5) {
                throw new UserException("A Zarr array of " + n + " dimensions is no image: 2 to 5 (T, C, Z, Y, X).");
            }
            int[] axes = { n - 5, n - 4, n - 3, n - 2, n - 1 };
            for (int a = 0; a < 5; a++) {
                axes[a] = Math.max(-1, axes[a]);
            }
            return new ZarrImage(array, axes, new double[] { 1, 1, 1, 1, 1 }, new String[] { "", "", "", "", "" });
        }
        JsonObject attrs = JsonParser.parseString(new String(Storage.readAll(Storage.child(location, ".zattrs")),
                StandardCharsets.UTF_8)).getAsJsonObject();
        if (!attrs.has("multiscales")) {
            throw new UserException(location + " is a Zarr group without OME-Zarr 'multiscales': give the image's "
                    + "group or its array.");
        }
        JsonObject multiscale = attrs.getAsJsonArray("multiscales").get(0).getAsJsonObject();
        JsonObject dataset = multiscale.getAsJsonArray("datasets").get(0).getAsJsonObject();
        ZarrArray array = ZarrArray.open(Storage.child(location, dataset.get("path").getAsString()));
        int[] axes = { -1, -1, -1, -1, -1 };
        String[] units = { "", "", "", "", "" };
        JsonArray named = multiscale.getAsJsonArray("axes");
        for (int d = 0; d < named.size(); d++) {
            JsonElement axis = named.get(d);
            String name = axis.isJsonObject() ? axis.getAsJsonObject().get("name").getAsString() : axis.getAsString();
            int a = List.of(NAMES).indexOf(name);
            if (a < 0) {
                throw new UserException("OME-Zarr axis '" + name + "' is not one of t, c, z, y, x.");
            }
            axes[a] = d;
            if (axis.isJsonObject() && axis.getAsJsonObject().has("unit")) {
                units[a] = axis.getAsJsonObject().get("unit").getAsString();
            }
        }
        if (axes[X] < 0 || axes[Y] < 0) {
            throw new UserException(location + " has no x and y axes.");
        }
        double[] scale = { 1, 1, 1, 1, 1 };
        if (dataset.has("coordinateTransformations")) {
            for (JsonElement t : dataset.getAsJsonArray("coordinateTransformations")) {
                if (t.getAsJsonObject().get("type").getAsString().equals("scale")) {
                    double[] s = new Gson().fromJson(t.getAsJsonObject().get("scale"), double[].class);
                    for (int a = 0; a < 5; a++) {
                        scale[a] = axes[a] >= 0 ? s[axes[a]] : 1;
                    }
                }
            }
        }
        return new ZarrImage(array, axes, scale, units);
    }

    /**
     * Creates an OME-Zarr image with axes t, c, z, y, x and chunks of one frame, one channel, {@code chunkZ} slices and
     * {@code chunkY} x {@code chunkX} pixels.
     */
    static ZarrImage create(String location, long[] tczyx, int chunkZ, int chunkY, int chunkX, ZarrType type,
            double[] scale, String[] units) throws IOException {
        Storage.write(Storage.child(location, ".zgroup"),
                "{\n  \"zarr_format\": 2\n}".getBytes(StandardCharsets.UTF_8));
        List<Map<String, Object>> axes = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            Map<String, Object> axis = new LinkedHashMap<>();
            axis.put("name", NAMES[a]);
            axis.put("type", TYPES[a]);
            if (a != C && !units[a].isEmpty()) {
                axis.put("unit", units[a]);
            }
            axes.add(axis);
        }
        Map<String, Object> dataset = Map.of("path", "0", "coordinateTransformations",
                List.of(Map.of("type", "scale", "scale", scale)));
        Map<String, Object> multiscale = new LinkedHashMap<>();
        multiscale.put("version", "0.4");
        multiscale.put("axes", axes);
        multiscale.put("datasets", List.of(dataset));
        Storage.write(Storage.child(location, ".zattrs"), new Gson().toJson(Map.of("multiscales",
                List.of(multiscale))).getBytes(StandardCharsets.UTF_8));
        ZarrArray array = ZarrArray.create(Storage.child(location, "0"), tczyx,
                new int[] { 1, 1, chunkZ, chunkY, chunkX }, type);
        return new ZarrImage(array, new int[] { 0, 1, 2, 3, 4 }, scale.clone(), units.clone());
    }

    /** The length of axis T, C, Z, Y or X (1 where the array has none). */
    int size(int axis) {
        return axes[axis] < 0 ? 1 : Math.toIntExact(array.shape()[axes[axis]]);
    }

    /** The chunk length along axis T, C, Z, Y or X. */
    int chunk(int axis) {
        return axes[axis] < 0 ? 1 : array.chunks()[axes[axis]];
    }

    int width() {
        return size(X);
    }

    int height() {
        return size(Y);
    }

    ZarrType type() {
        return array.type();
    }

    /** The pixels of a window of the plane at channel c, slice z, frame t, row by row. */
    Object readPlane(int c, int z, int t, PlaneWindow window) throws IOException {
        return array.read(offset(t, c, z, window.y(), window.x()),
                size(1, 1, 1, window.height(), window.width()));
    }

    /**
     * Writes a block of frame t: every channel, {@code slices} slices from {@code z}, and the window, with pixels in
     * C, Z, Y, X order. The block must cover whole chunks.
     */
    void writeBlock(int t, int z, int slices, PlaneWindow window, Object pixels) throws IOException {
        array.write(offset(t, 0, z, window.y(), window.x()), size(1, size(C), slices, window.height(),
                window.width()), pixels);
    }

    /** Writes the whole plane at channel c, slice z, frame t; the image's chunks must hold one plane's pixels. */
    void writePlane(int c, int z, int t, Object pixels) throws IOException {
        array.write(offset(t, c, z, 0, 0), size(1, 1, 1, height(), width()), pixels);
    }

    private long[] offset(long... tczyx) {
        long[] offset = new long[array.shape().length];
        for (int a = 0; a < 5; a++) {
            if (axes[a] >= 0) {
                offset[axes[a]] = tczyx[a];
            } else if (tczyx[a] != 0) {
                throw new IllegalArgumentException("The image has no axis " + NAMES[a]);
            }
        }
        return offset;
    }

    private int[] size(int... tczyx) {
        int[] size = new int[array.shape().length];
        for (int a = 0; a < 5; a++) {
            if (axes[a] >= 0) {
                size[axes[a]] = tczyx[a];
            }
        }
        return size;
    }
}
