package io.github.imagejgan.metrics.distribution.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Adler32;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.Xception;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.TestMonitors;
import io.github.imagejgan.metrics.distribution.FeatureExtractor;
import io.github.imagejgan.metrics.distribution.NetworkWeights;
import io.github.imagejgan.metrics.distribution.WeightsUnavailableException;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Where the weights come from, without internet: downloads from file: URLs and from a port nobody listens on, the
 * zoo's cache in a temporary folder.
 */
class WeightsTest {

    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();

    @BeforeEach
    void privateZooCache() throws IOException {
        DL4JResources.setBaseDirectory(Files.createDirectories(dir.resolve("dl4j")).toFile());
    }

    @AfterEach
    void usualZooCache() {
        DL4JResources.resetBaseDirectoryLocation();
    }

    @Test
    void aDownloadIsCheckedAndCachedWithProgress() throws IOException {
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        Path source = Files.write(dir.resolve("weights.zip"), content);
        Adler32 adler = new Adler32();
        adler.update(content);
        Path target = dir.resolve("cache/models/weights.zip");
        CachedDownload download = new CachedDownload(source.toUri().toURL(), adler.getValue(), target);
        assertFalse(download.isCached());
        List<Long> progress = new ArrayList<>();
        download.fetch(monitor(progress), log::add);
        assertArrayEquals(content, Files.readAllBytes(target));
        assertTrue(download.isCached() && download.isIntact());
        assertEquals(content.length, progress.get(progress.size() - 1));
        assertTrue(log.get(0).contains("this happens once"), log.toString());
    }

    @Test
    void aCorruptDownloadIsNotKept() throws IOException {
        Path source = Files.write(dir.resolve("weights.zip"), new byte[] { 1, 2, 3 });
        Path target = dir.resolve("cache/weights.zip");
        CachedDownload download = new CachedDownload(source.toUri().toURL(), 12345, target);
        WeightsUnavailableException e = assertThrows(WeightsUnavailableException.class,
                () -> download.fetch(TaskMonitor.NONE, log::add));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertEquals(0, left.count(), "neither the file nor a temporary one");
        }
    }

    @Test
    void offlineTheMessageSaysHowToGetTheFileInstead() throws IOException {
        // Port 9 (discard) has no listener here: the connection is refused at once, as offline.
        CachedDownload download = new CachedDownload(new java.net.URL("http://127.0.0.1:9/weights.zip"), 1,
                dir.resolve("cache/weights.zip"));
        WeightsUnavailableException e = assertThrows(WeightsUnavailableException.class,
                () -> download.fetch(TaskMonitor.NONE, log::add));
        assertTrue(e.getMessage().contains("Without internet access, download that file on another computer"),
                e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("cache/weights.zip").toString()), e.getMessage());
    }

    @Test
    void theZooWeightsAreDownloadedOnlyWithPermission() {
        CachedDownload zoo = ZooXception.download();
        assertTrue(zoo.target().startsWith(dir.resolve("dl4j")), "in the zoo's cache: " + zoo.target());
        assertTrue(zoo.source().toString().endsWith("xception_dl4j_inference.v2.zip"), zoo.source().toString());
        WeightsUnavailableException e = assertThrows(WeightsUnavailableException.class,
                () -> new Dl4jFeatureNetworks().open(NetworkWeights.imageNet(false), 299, TaskMonitor.NONE,
                        log::add));
        assertTrue(e.getMessage().contains("not on this computer yet. Allow their download"), e.getMessage());
        assertTrue(e.getMessage().contains(zoo.source().toString()), e.getMessage());
        assertFalse(Files.exists(zoo.target()));
    }

    @Test
    void aCorruptCacheIsNotUsed() throws IOException {
        CachedDownload zoo = ZooXception.download();
        Files.createDirectories(zoo.target().getParent());
        Files.write(zoo.target(), new byte[] { 42 });
        WeightsUnavailableException e = assertThrows(WeightsUnavailableException.class,
                () -> new Dl4jFeatureNetworks().open(NetworkWeights.imageNet(false), 299, TaskMonitor.NONE,
                        log::add));
        assertTrue(e.getMessage().contains("are corrupt"), e.getMessage());
    }

    @Test
    void aFileThatIsNoNetworkIsRefusedClearly() throws IOException {
        Path notANetwork = Files.write(dir.resolve("photo.zip"), new byte[] { 80, 75, 3, 4, 0, 0 });
        WeightsUnavailableException e = assertThrows(WeightsUnavailableException.class,
                () -> new Dl4jFeatureNetworks().open(NetworkWeights.file(notANetwork), 299, TaskMonitor.NONE,
                        log::add));
        assertTrue(e.getMessage().contains("is not a Deeplearning4j network"), e.getMessage());
        WeightsUnavailableException missing = assertThrows(WeightsUnavailableException.class,
                () -> new Dl4jFeatureNetworks().open(NetworkWeights.file(dir.resolve("none.zip")), 299,
                        TaskMonitor.NONE, log::add));
        assertTrue(missing.getMessage().contains("No network file"), missing.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> new Dl4jFeatureNetworks().open(NetworkWeights.file(notANetwork), 64, TaskMonitor.NONE,
                        log::add));
        assertTrue(small.getMessage().contains("at least 71 x 71"), small.getMessage());
    }

    @Test
    void aNetworkWithTheZoosSigmoidsIsOpenedWithAWarningAndALinearOneWithout() throws Exception {
        Path squashing = dir.resolve("zoo-configuration.zip");
        ComputationGraph zoo = Xception.builder().seed(5).numClasses(1000)
                .inputShape(new int[] { 3, TestFeatureNetworks.SIZE, TestFeatureNetworks.SIZE }).build().init();
        ModelSerializer.writeModel(zoo, squashing.toFile(), false);
        zoo.close();
        try (FeatureExtractor network = new Dl4jFeatureNetworks().open(NetworkWeights.file(squashing),
                TestFeatureNetworks.SIZE, TaskMonitor.NONE, log::add)) {
            assertTrue(log.stream().anyMatch(l -> l.startsWith("Warning: 80 convolution or normalisation layers of"
                    + " zoo-configuration.zip end in a sigmoid")), log.toString());
        }
        log.clear();
        Path linear = TestFeatureNetworks.xceptionFile(dir, 5);
        try (FeatureExtractor network = new Dl4jFeatureNetworks().open(NetworkWeights.file(linear),
                TestFeatureNetworks.SIZE, TaskMonitor.NONE, log::add)) {
            assertFalse(log.stream().anyMatch(l -> l.startsWith("Warning")), log.toString());
        }
    }

    private static TaskMonitor monitor(List<Long> progress) {
        return TestMonitors.reporting((done, total, message) -> progress.add(done));
    }
}
