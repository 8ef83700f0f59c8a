package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.imagejgan.task.UserException;

/**
 * One Zarr (format 2) array on a shared file system, read and written by regions. Chunks are files of the chunk's
 * pixels in C order, uncompressed or compressed with zlib or gzip; a chunk never written holds the fill value.
 * Writes cover whole chunks (the region starts on the chunk grid and ends on it or at the array's end), and each chunk
 * is written atomically, so that tasks writing disjoint regions never touch one another's chunks and a task run twice
 * writes each chunk whole, twice.
 */
final class ZarrArray implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private final String location;
    private final long[] shape;
    private final int[] chunks;
    private final ZarrType type;
    private final boolean bigEndian;
    private final double fill;
    private final String separator;
    private final ChunkCodec codec;

    private ZarrArray(String location, long[] shape, int[] chunks, ZarrType type, boolean bigEndian, double fill,
            String separator, ChunkCodec codec) {
        this.location = location;
        this.shape = shape;
        this.chunks = chunks;
        this.type = type;
        this.bigEndian = bigEndian;
        this.fill = fill;
        this.separator = separator;
        this.codec = codec;
    }

    /** Opens the array at {@code location} (the folder that holds {@code .zarray}). */
    static ZarrArray open(String location) throws IOException {
        JsonObject meta = JsonParser.parseString(new String(Storage.readAll(Storage.child(location, ".zarray")),
                StandardCharsets.UTF_8)).getAsJsonObject();
        if (meta.get("zarr_format").getAsInt() != 2) {
            throw new UserException(location + " is not a Zarr format 2 array (OME-Zarr 0.4 uses format 2).");
        }
        if (!meta.get("order").getAsString().equals("C")) {
            throw new UserException(location + " stores its chunks in Fortran order; only C order is supported.");
        }
        if (meta.has("filters") && !meta.get("filters").isJsonNull() && meta.getAsJsonArray("filters").size() > 0) {
            throw new UserException(location + " uses Zarr filters, which are not supported; write it without.");
        }
        long[] shape = GSON.fromJson(meta.get("shape"), long[].class);
        int[] chunks = GSON.fromJson(meta.get("chunks"), int[].class);
        String dtype = meta.get("dtype").getAsString();
        JsonElement fill = meta.get("fill_value");
        double fillValue = fill == null || fill.isJsonNull() ? 0 : fill.getAsJsonPrimitive().isNumber()
                ? fill.getAsDouble() : Double.parseDouble(fill.getAsString());
        String separator = meta.has("dimension_separator") ? meta.get("dimension_separator").getAsString() : ".";
        return new ZarrArray(location, shape, chunks, ZarrType.of(dtype), dtype.startsWith(">"), fillValue, separator,
                ChunkCodec.of(meta.get("compressor")));
    }

    /** Creates an empty array (its metadata only), zlib-compressed, fill value 0. */
    static ZarrArray create(String location, long[] shape, int[] chunks, ZarrType type) throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("zarr_format", 2);
        meta.put("shape", shape);
        meta.put("chunks", chunks);
        meta.put("dtype", type.dtype());
        meta.put("compressor", Map.of("id", "zlib", "level", 1));
        meta.put("fill_value", 0);
        meta.put("order", "C");
        meta.put("filters", JsonNull.INSTANCE);
        meta.put("dimension_separator", "/");
        Storage.write(Storage.child(location, ".zarray"), GSON.toJson(meta).getBytes(StandardCharsets.UTF_8));
        return open(location);
    }

    long[] shape() {
        return shape.clone();
    }

    int[] chunks() {
        return chunks.clone();
    }

    ZarrType type() {
        return type;
    }

    /** Reads the region of the given offset and size into a new array (C order). */
    Object read(long[] offset, int[] size) throws IOException {
        checkRegion(offset, size);
        Object region = type.newArray(Math.toIntExact(volume(size)));
        long[][] range = chunkRange(offset, size);
        for (long[] c = range[0].clone(); c != null; c = next(c, range)) {
            Object chunk = readChunk(c);
            copy(chunk, chunks, chunkOrigin(c), region, size, offset, intersection(c, offset, size));
        }
        return region;
    }

    /**
     * Writes a region that covers whole chunks.
     *
     * @throws IllegalArgumentException if the region cuts a chunk
     */
    void write(long[] offset, int[] size, Object region) throws IOException {
        checkRegion(offset, size);
        for (int d = 0; d < shape.length; d++) {
            if (offset[d] % chunks[d] != 0 || (offset[d] + size[d] != shape[d] && size[d] % chunks[d] != 0)) {
                throw new IllegalArgumentException("Region " + Arrays.toString(offset) + " + "
                        + Arrays.toString(size) + " cuts the chunks " + Arrays.toString(chunks));
            }
        }
        long[][] range = chunkRange(offset, size);
        int chunkLength = Math.toIntExact(volume(chunks));
        for (long[] c = range[0].clone(); c != null; c = next(c, range)) {
            Object chunk = type.newArray(chunkLength);
            type.fill(chunk, fill);
            copy(region, size, offset, chunk, chunks, chunkOrigin(c), intersection(c, offset, size));
            Storage.write(chunkLocation(c), codec.encode(type.encode(chunk, chunkLength)));
        }
    }

    private Object readChunk(long[] index) throws IOException {
        int length = Math.toIntExact(volume(chunks));
        byte[] stored = Storage.readIfExists(chunkLocation(index));
        if (stored == null) {
            Object empty = type.newArray(length);
            type.fill(empty, fill);
            return empty;
        }
        byte[] raw = codec.decode(stored, length * type.bytes);
        return type.decode(raw, length, bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    private String chunkLocation(long[] index) {
        StringBuilder key = new StringBuilder();
        for (int d = 0; d < index.length; d++) {
            key.append(d == 0 ? "" : separator).append(index[d]);
        }
        return Storage.child(location, key.toString());
    }

    private void checkRegion(long[] offset, int[] size) {
        if (offset.length != shape.length || size.length != shape.length) {
            throw new IllegalArgumentException("Region of " + offset.length + " dimensions in an array of "
                    + shape.length);
        }
        for (int d = 0; d < shape.length; d++) {
            if (offset[d] < 0 || size[d] < 1 || offset[d] + size[d] > shape[d]) {
                throw new IllegalArgumentException("Region " + Arrays.toString(offset) + " + " + Arrays.toString(size)
                        + " outside the array " + Arrays.toString(shape));
            }
        }
    }

    /** First and last chunk index along each dimension that the region touches. */
    private long[][] chunkRange(long[] offset, int[] size) {
        long[] first = new long[shape.length];
        long[] last = new long[shape.length];
        for (int d = 0; d < shape.length; d++) {
            first[d] = offset[d] / chunks[d];
            last[d] = (offset[d] + size[d] - 1) / chunks[d];
        }
        return new long[][] { first, last };
    }

    /** The next chunk index in C order within the range, or null after the last. */
    private static long[] next(long[] index, long[][] range) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (index[d] < range[1][d]) {
                index[d]++;
                return index;
            }
            index[d] = range[0][d];
        }
        return null;
    }

    private long[] chunkOrigin(long[] index) {
        long[] origin = new long[index.length];
        for (int d = 0; d < index.length; d++) {
            origin[d] = index[d] * chunks[d];
        }
        return origin;
    }

    /** The part of chunk {@code index} inside the region, as {origin, end} in array coordinates. */
    private long[][] intersection(long[] index, long[] offset, int[] size) {
        long[] from = new long[index.length];
        long[] to = new long[index.length];
        for (int d = 0; d < index.length; d++) {
            from[d] = Math.max(offset[d], index[d] * chunks[d]);
            to[d] = Math.min(Math.min(offset[d] + size[d], (index[d] + 1) * chunks[d]), shape[d]);
        }
        return new long[][] { from, to };
    }

    /**
     * Copies the box {@code part} (array coordinates) from {@code src} (of size {@code srcSize} placed at
     * {@code srcOrigin}) into {@code dst} (likewise), one run along the last dimension at a time.
     */
    private static void copy(Object src, int[] srcSize, long[] srcOrigin, Object dst, int[] dstSize,
            long[] dstOrigin, long[][] part) {
        int n = srcSize.length;
        long[] p = part[0].clone();
        int run = (int) (part[1][n - 1] - part[0][n - 1]);
        while (true) {
            System.arraycopy(src, index(p, srcOrigin, srcSize), dst, index(p, dstOrigin, dstSize), run);
            int d = n - 2;
            while (d >= 0 && ++p[d] >= part[1][d]) {
                p[d] = part[0][d];
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    private static int index(long[] position, long[] origin, int[] size) {
        long i = 0;
        for (int d = 0; d < size.length; d++) {
            i = i * size[d] + (position[d] - origin[d]);
        }
        return Math.toIntExact(i);
    }

    private static long volume(int[] size) {
        long v = 1;
        for (int s : size) {
            v *= s;
        }
        return v;
    }
}
