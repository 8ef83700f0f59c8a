package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.engine.Engine;

class DeviceSelectorTest {

    @Test
    void autoPicksAGpuWhenThereIsOneAndSaysWhy() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        DeviceChoice choice = DeviceSelector.select("auto");
        if (gpus > 0) {
            assertEquals(Device.gpu(0), choice.device());
            assertTrue(choice.description().startsWith("GPU 0"), choice.description());
        } else {
            assertEquals(Device.cpu(), choice.device());
            assertTrue(choice.description().contains("no CUDA GPU"), choice.description());
        }
    }

    @Test
    void cpuCanAlwaysBeForced() {
        DeviceChoice choice = DeviceSelector.select(" CPU ");
        assertEquals(Device.cpu(), choice.device());
        assertTrue(choice.description().contains("as requested"));
    }

    @Test
    void unavailableOrMalformedRequestsFailClearly() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
                () -> DeviceSelector.select("gpu:" + gpus));
        assertTrue(e.getMessage().contains("device=cpu"), e.getMessage());
        assertThrows(DeviceUnavailableException.class, () -> DeviceSelector.select("tpu"));
        assertThrows(DeviceUnavailableException.class, () -> DeviceSelector.select("gpu:x"));
    }
}
