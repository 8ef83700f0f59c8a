package io.github.imagejgan.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;

/** The shipped model packages: small, loadable, described, and still computing what they computed when made. */
class ShippedModelsTest {

    private static final Map<String, ModelTask> EXPECTED = Map.ofEntries(
            Map.entry("denoise-general.zip", ModelTask.DENOISE),
            Map.entry("denoise-general-spread.zip", ModelTask.DENOISE),
            Map.entry("sr2-general.zip", ModelTask.SUPER_RESOLUTION),
            Map.entry("sr4-general.zip", ModelTask.SUPER_RESOLUTION),
            Map.entry("inpaint-general.zip", ModelTask.INPAINT),
            Map.entry("denoise-nuclei-2.5d.zip", ModelTask.DENOISE),
            Map.entry("denoise-nuclei-3d.zip", ModelTask.DENOISE),
            Map.entry("style-widefield-to-confocal.zip", ModelTask.STYLE),
            Map.entry("synth-nuclei-fluorescence.zip", ModelTask.SYNTHESIS),
            Map.entry("self-supervised-start.zip", ModelTask.DENOISE));

    @Test
    void everyShippedModelLoadsAndMatchesItsFingerprint() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(ShippedModelFingerprints.MODELS)) {
            files = list.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        assertEquals(EXPECTED.keySet(), files.stream().map(p -> p.getFileName().toString()).collect(
                java.util.stream.Collectors.toSet()), "the nine shipped models");
        Map<String, double[]> stored = ShippedModelFingerprints.stored();
        for (Path file : files) {
            String name = file.getFileName().toString();
            assertTrue(Files.size(file) <= 10_000_000, name + " must stay under 10 MB");
            ModelPackage pkg = ModelPackage.open(file);
            ModelDescriptor d = pkg.descriptor();
            assertEquals(EXPECTED.get(name), d.task(), name);
            assertEquals(name.substring(0, name.length() - ".zip".length()), d.name(),
                    name + " names itself as the registry lists it");
            assertTrue(d.provenance().steps() > 0 && !d.provenance().data().isEmpty(), name + " records provenance");
            assertTrue(pkg.entry("training.json") == null, name + " ships without training state");
            try (LoadedModel model = pkg.load(Device.cpu())) {
                double[] now = ShippedModelFingerprints.fingerprint(model);
                double[] then = stored.get(name);
                for (int i = 0; i < now.length; i++) {
                    assertEquals(then[i], now[i], 1e-3 * Math.max(1, Math.abs(then[i])), name + " statistic " + i);
                }
            }
        }
    }
}
