package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.WrongTaskException;
import io.github.imagejgan.predict.Operation;

/**
 * A model package sent to every executor once (a Spark broadcast of its bytes) with the operation to run it for.
 * Each executor JVM loads the network once, on first use, and keeps it for every later task of any job: tasks of one
 * executor share the loaded network, keyed by the package's SHA-256 and the choices that change what is loaded.
 */
final class ModelShipment implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Operation.Session> SESSIONS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private final Broadcast<byte[]> bytes;
    private final String hash;
    private final String name;
    private final Operation operation;
    /** Known on the driver only. */
    private final transient ModelDescriptor descriptor;

    private ModelShipment(Broadcast<byte[]> bytes, String hash, String name, Operation operation,
            ModelDescriptor descriptor) {
        this.bytes = bytes;
        this.hash = hash;
        this.name = name;
        this.operation = operation;
        this.descriptor = descriptor;
    }

    /**
     * Reads the operation's model on the driver (a name the model registry knows, a local .zip, or a package on a
     * shared file system such as {@code hdfs://.../model.zip}) and broadcasts it.
     */
    static ModelShipment of(JavaSparkContext spark, Operation operation) throws IOException {
        String model = operation.model();
        byte[] content;
        String name;
        ModelDescriptor descriptor;
        if (model.contains(":/")) {
            content = Storage.readAll(model);
            name = Storage.name(model).replaceFirst("(?i)\\.zip$", "");
            Path tmp = Files.createTempFile("imagej-gan-", ".zip");
            try {
                Files.write(tmp, content);
                descriptor = ModelPackage.describe(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } else {
            ModelEntry entry = ModelRegistry.standard().find(model);
            content = Files.readAllBytes(entry.file());
            name = entry.name();
            descriptor = entry.descriptor();
        }
        if (descriptor.task() != operation.task()) {
            // NB: on the driver, before any task starts, rather than once in every executor.
            throw new WrongTaskException(descriptor.name(), descriptor.task(), operation.task());
        }
        return new ModelShipment(spark.broadcast(content), sha256(content), name, operation, descriptor);
    }

    /** The model's description (on the driver). */
    ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The loaded model of this executor JVM, loading it on first use. */
    Operation.Session session() {
        String key = hash + "|" + operation.task() + "|" + operation.device() + "|" + operation.reverse();
        return SESSIONS.computeIfAbsent(key, k -> load());
    }

    /** How often this JVM has loaded a network (each package and choice once). */
    static int loads() {
        return LOADS.get();
    }

    private Operation.Session load() {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "imagej-gan-spark"));
            // NB: the name shows in the log line of each load; the hash keeps packages of one name apart.
            Path file = dir.resolve(name + "-" + hash.substring(0, 12) + ".zip");
            if (!Files.isRegularFile(file)) {
                Path tmp = Files.createTempFile(dir, ".model-", ".zip");
                Files.write(tmp, bytes.value());
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Operation.Session session = operation.withModel(file.toString()).open(System.err::println);
            LOADS.incrementAndGet();
            return session;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot load model '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
