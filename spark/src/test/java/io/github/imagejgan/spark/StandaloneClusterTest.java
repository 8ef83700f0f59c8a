package io.github.imagejgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.spark.TestSupport.Result;

import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;

/**
 * A real standalone cluster on 127.0.0.1, started from the Spark jars on the class path (a Master and one Worker in
 * JVMs of their own; the Worker starts the executor JVM): a folder job submitted to it writes the command line's
 * files, and the network is loaded in the executor, never in this driver.
 */
class StandaloneClusterTest {

    @TempDir
    Path dir;

    /** The options every Spark JVM needs on Java 17, as the build gives them to this one. */
    private static List<String> javaOptions() {
        List<String> options = new ArrayList<>();
        for (String o : System.getProperty("spark.test.jvm.options", "").split(" ")) {
            if (!o.isBlank()) {
                options.add(o);
            }
        }
        return options;
    }

    private Process start(String main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions());
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // NB: the Worker builds the executor's command from SPARK_HOME (whose jars/ folder may be empty: the class
        // path comes from spark.executor.extraClassPath) and SPARK_SCALA_VERSION, which a Spark distribution sets.
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", Files.createDirectories(dir.resolve("spark-home/jars")).getParent().toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    @Timeout(300)
    void aFolderJobSubmittedToAStandaloneClusterWritesTheCommandLinesFiles() throws Exception {
        Path model = TestSupport.untrainedModel(dir.resolve("denoise-untrained.zip"), new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 4);
        Path in = dir.resolve("in");
        for (int i = 0; i < 4; i++) {
            TestSupport.save(TestSupport.image(48, 40, 1, 1, 1, 20 + i), in.resolve("cell-" + i + ".tif"));
        }
        Path reference = dir.resolve("cli");
        assertEquals(0, TestSupport.cli("denoise", "--model", model.toString(), "--device", "cpu", "--out",
                reference.toString(), in.toString()).code());
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        Process masterJvm = start("org.apache.spark.deploy.master.Master", dir.resolve("master.log"), "--host",
                "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0");
        // NB: a Worker or driver that finds no Master retries only after seconds; start them once it listens.
        awaitListening(port, dir.resolve("master.log"));
        Process workerJvm = start("org.apache.spark.deploy.worker.Worker", dir.resolve("worker.log"), "--host",
                "127.0.0.1", "--cores", "1", "--memory", "1500m", "--webui-port", "0", "--work-dir",
                dir.resolve("work").toString(), master);
        JavaSparkContext cluster = null;
        try {
            cluster = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("imagej-gan cluster test")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1").set("spark.executor.memory", "1g")
                    .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.extraJavaOptions", "-Dai.djl.offline=true -Djava.awt.headless=true"));
            awaitExecutor(cluster);
            int driverLoads = ModelShipment.loads();
            Path out = dir.resolve("cluster-out");
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int code = SparkMain.run(new String[] { "denoise", "--model", model.toString(), "--device", "cpu",
                "--out", out.toString(), in.toString() }, new PrintStream(log, true, StandardCharsets.UTF_8),
                    new PrintStream(log, true, StandardCharsets.UTF_8), cluster);
            String text = log.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, text + Files.readString(dir.resolve("worker.log")));
            assertTrue(text.contains("4 written, 0 skipped, 0 failed"), text);
            assertEquals(driverLoads, ModelShipment.loads(), "the executor, not the driver, ran the network");
            for (int i = 0; i < 4; i++) {
                String name = "cell-" + i + ".tif";
                assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(out.resolve(name)),
                        name);
            }
        } finally {
            if (cluster != null) {
                cluster.stop();
            }
            workerJvm.destroy();
            masterJvm.destroy();
            workerJvm.waitFor();
            masterJvm.waitFor();
        }
    }

    /** Waits until the Master accepts connections. */
    private static void awaitListening(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                new java.net.Socket("127.0.0.1", port).close();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The Master does not listen on " + port + ":\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the Worker's executor has registered with this driver. */
    private void awaitExecutor(JavaSparkContext cluster) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (cluster.sc().getExecutorMemoryStatus().size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No executor registered:\n" + Files.readString(dir.resolve("master.log"))
                        + Files.readString(dir.resolve("worker.log")) + File.separator);
            }
            Thread.sleep(200);
        }
    }
}
