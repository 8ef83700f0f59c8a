package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

import io.github.imagejgan.image.AtomicFiles;

/**
 * Files on a file system that the driver and every executor see: local paths and {@code file:} URIs through
 * java.nio (as the command line writes them), anything else ({@code hdfs:}, {@code s3a:}, ...) through Hadoop's
 * FileSystem with the cluster's configuration. Writes are atomic: a hidden temporary file beside the target, then a
 * rename, so a task that dies, is retried or runs twice (speculation) never leaves a partial or doubled file.
 */
final class Storage {

    private Storage() {
    }

    /** Whether the location is on the local (or a locally mounted shared) file system. */
    static boolean isLocal(String location) {
        URI uri = new Path(location).toUri();
        return uri.getScheme() == null || uri.getScheme().equals("file");
    }

    /** The java.nio path of a local location. */
    static java.nio.file.Path localPath(String location) {
        URI uri = new Path(location).toUri();
        return java.nio.file.Path.of(uri.getPath());
    }

    static FileSystem fileSystem(String location) throws IOException {
        return new Path(location).getFileSystem(configuration());
    }

    /**
     * Hadoop's configuration with Spark's {@code spark.hadoop.*} settings (the credentials of {@code s3a:}, ...),
     * which reach the executors in Spark's configuration, not in Hadoop's files.
     */
    private static Configuration configuration() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }

    /** The location of {@code name} inside the folder {@code folder}. */
    static String child(String folder, String name) {
        return new Path(folder, name).toString();
    }

    /** The last part of a location's path. */
    static String name(String location) {
        return new Path(location).getName();
    }

    static boolean exists(String location) throws IOException {
        return isLocal(location) ? Files.exists(localPath(location)) : fileSystem(location).exists(new Path(location));
    }

    static boolean isDirectory(String location) throws IOException {
        if (isLocal(location)) {
            return Files.isDirectory(localPath(location));
        }
        FileSystem fs = fileSystem(location);
        Path p = new Path(location);
        return fs.exists(p) && fs.getFileStatus(p).isDirectory();
    }

    static void createDirectories(String location) throws IOException {
        if (isLocal(location)) {
            Files.createDirectories(localPath(location));
        } else {
            fileSystem(location).mkdirs(new Path(location));
        }
    }

    /** The files directly inside a folder (not in sub-folders), sorted by name; empty if there is no such folder. */
    static List<String> list(String folder) throws IOException {
        List<String> files = new ArrayList<>();
        if (isLocal(folder)) {
            java.nio.file.Path dir = localPath(folder);
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).sorted().forEach(p -> files.add(p.toString()));
                }
            }
            return files;
        }
        FileSystem fs = fileSystem(folder);
        Path dir = new Path(folder);
        if (fs.exists(dir)) {
            for (FileStatus s : fs.listStatus(dir)) {
                if (s.isFile()) {
                    files.add(s.getPath().toString());
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** The files a glob pattern ({@code data/*.tif}) matches, sorted. */
    static List<String> glob(String pattern) throws IOException {
        List<String> files = new ArrayList<>();
        FileSystem fs = isLocal(pattern) ? FileSystem.getLocal(configuration()).getRawFileSystem()
                : fileSystem(pattern);
        FileStatus[] matches = fs.globStatus(new Path(pattern));
        if (matches != null) {
            for (FileStatus s : matches) {
                if (s.isFile()) {
                    files.add(isLocal(pattern) ? s.getPath().toUri().getPath() : s.getPath().toString());
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** A readable local copy of a file: the file itself where it is local, else a temporary copy. */
    static LocalCopy local(String location) throws IOException {
        if (isLocal(location)) {
            return new LocalCopy(localPath(location), false);
        }
        String name = name(location);
        java.nio.file.Path tmp = Files.createTempFile("imagej-gan-", "-" + name);
        try (InputStream in = fileSystem(location).open(new Path(location))) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return new LocalCopy(tmp, true);
    }

    /** A local file to read; deleted on close when it is a temporary copy. */
    record LocalCopy(java.nio.file.Path path, boolean temporary) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (temporary) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Writes {@code target} completely or not at all, from what {@code content} writes into a local file. */
    static void write(String target, AtomicFiles.Content content) throws IOException {
        if (isLocal(target)) {
            AtomicFiles.write(localPath(target), content);
            return;
        }
        String name = name(target);
        int dot = name.lastIndexOf('.');
        java.nio.file.Path local = Files.createTempFile("imagej-gan-", dot > 0 ? name.substring(dot) : ".tmp");
        try {
            Files.delete(local);
            content.writeTo(local);
            FileSystem fs = fileSystem(target);
            Path dst = new Path(target);
            Path tmp = new Path(dst.getParent(), "." + name + "-" + UUID.randomUUID());
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
            rename(fs, tmp, dst);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** Writes {@code target} completely or not at all, from bytes. */
    static void write(String target, byte[] bytes) throws IOException {
        if (isLocal(target)) {
            AtomicFiles.write(localPath(target), tmp -> Files.write(tmp, bytes));
            return;
        }
        FileSystem fs = fileSystem(target);
        Path dst = new Path(target);
        Path tmp = new Path(dst.getParent(), "." + dst.getName() + "-" + UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        }
        rename(fs, tmp, dst);
    }

    /**
     * Renames into place, replacing an older file. NB: HDFS refuses to rename onto an existing file; the file there
     * was written whole by another attempt at the same work, or is replaced here on purpose (overwrite), so the
     * old one goes first.
     */
    private static void rename(FileSystem fs, Path tmp, Path dst) throws IOException {
        try {
            if (!fs.rename(tmp, dst)) {
                fs.delete(dst, false);
                if (!fs.rename(tmp, dst)) {
                    throw new IOException("Cannot rename " + tmp + " to " + dst);
                }
            }
        } finally {
            fs.delete(tmp, false);
        }
    }

    /** Reads a whole (small) file: a model package, Zarr metadata, a chunk. */
    static byte[] readAll(String location) throws IOException {
        if (isLocal(location)) {
            return Files.readAllBytes(localPath(location));
        }
        try (InputStream in = fileSystem(location).open(new Path(location))) {
            return in.readAllBytes();
        }
    }

    /** Reads a whole file, or gives null where there is none (a Zarr chunk never written). */
    static byte[] readIfExists(String location) throws IOException {
        if (isLocal(location)) {
            try {
                return Files.readAllBytes(localPath(location));
            } catch (java.nio.file.NoSuchFileException e) {
                return null;
            }
        }
        try (InputStream in = fileSystem(location).open(new Path(location))) {
            return in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }
}
