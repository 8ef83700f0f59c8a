package io.github.imagejgan.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.imagejgan.task.UserException;

/** The compressors of Zarr chunks that Java reads without native code: none, zlib and gzip (numcodecs' ids). */
enum ChunkCodec {
    RAW, ZLIB, GZIP;

    /** The codec a {@code .zarray}'s {@code compressor} entry names. */
    static ChunkCodec of(JsonElement compressor) {
        if (compressor == null || compressor.isJsonNull()) {
            return RAW;
        }
        JsonObject c = compressor.getAsJsonObject();
        String id = c.get("id").getAsString();
        return switch (id) {
            case "zlib" -> ZLIB;
            case "gzip" -> GZIP;
            default -> throw new UserException("Zarr chunks compressed with '" + id + "' are not supported: zlib, "
                    + "gzip and none are. Rewrite the array with one of those (in Python: zarr.copy with "
                    + "compressor=numcodecs.Zlib()).");
        };
    }

    byte[] encode(byte[] raw) throws IOException {
        if (this == RAW) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (var out = this == ZLIB ? new DeflaterOutputStream(bytes, new Deflater(1)) : new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    byte[] decode(byte[] stored, int length) throws IOException {
        if (this == RAW) {
            return stored;
        }
        try (InputStream in = this == ZLIB ? new InflaterInputStream(new java.io.ByteArrayInputStream(stored))
                : new GZIPInputStream(new java.io.ByteArrayInputStream(stored))) {
            byte[] raw = in.readNBytes(length);
            if (raw.length != length) {
                throw new IOException("A Zarr chunk holds " + raw.length + " bytes, expected " + length);
            }
            return raw;
        }
    }
}
