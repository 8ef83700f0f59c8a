package io.github.imagejgan.image;

import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;

/**
 * Chooses the device a network runs on and says why, so that a CPU run is never a silent surprise: "auto" takes the
 * first CUDA GPU that DJL's PyTorch engine sees, else the CPU; "cpu" and "gpu"/"gpu:N" force a choice and fail
 * clearly when it cannot be met.
 */
public final class DeviceSelector {

    /** The engine every network of this plugin runs on. */
    public static final String ENGINE = "PyTorch";

    private DeviceSelector() {
    }

    /**
     * @param request "auto", "cpu", "gpu" (= "gpu:0") or "gpu:N"; case-insensitive
     * @throws DeviceUnavailableException if a GPU is requested that the engine does not see
     */
    public static DeviceChoice select(String request) {
        String r = normalized(request);
        int requestedGpu = requestedGpu(request);
        Engine engine = engine();
        int gpus = engine.getGpuCount();
        String engineText = "PyTorch " + engine.getVersion();
        if (r.equals("cpu")) {
            return new DeviceChoice(Device.cpu(), "CPU (as requested; " + gpuText(gpus) + ", " + engineText + ")");
        }
        if (requestedGpu < 0) {
            if (gpus > 0) {
                return new DeviceChoice(Device.gpu(0), "GPU 0 (automatic: " + gpuText(gpus) + ", " + engineText
                        + ")");
            }
            return new DeviceChoice(Device.cpu(), "CPU (automatic: no CUDA GPU visible to " + engineText
                    + "; see the README's GPU notes to use one)");
        }
        if (requestedGpu >= gpus) {
            throw new DeviceUnavailableException("GPU " + requestedGpu + " was requested but " + engineText + " sees "
                    + gpuText(gpus) + ". Use device=cpu, or install the CUDA build of libtorch (see the README's "
                    + "GPU notes).");
        }
        return new DeviceChoice(Device.gpu(requestedGpu), "GPU " + requestedGpu + " (as requested; "
                + gpuText(gpus) + ", " + engineText + ")");
    }

    /**
     * Checks how a request is written, without starting the engine, so that a misspelled device fails before any
     * work starts (a batch would otherwise fail only after reading its inputs).
     *
     * @throws DeviceUnavailableException if the request is not auto, cpu, gpu or gpu:N
     */
    public static void requireValid(String request) {
        requestedGpu(request);
    }

    /** The GPU index a request names; -1 for "auto" and "cpu". */
    private static int requestedGpu(String request) {
        String r = normalized(request);
        if (r.equals("auto") || r.isEmpty() || r.equals("cpu")) {
            return -1;
        }
        if (r.equals("gpu")) {
            return 0;
        }
        if (r.startsWith("gpu:") && r.substring(4).matches("[0-9]{1,4}")) {
            return Integer.parseInt(r.substring(4));
        }
        throw new DeviceUnavailableException("Device '" + request + "' is not understood: use auto, cpu, gpu or "
                + "gpu:N.");
    }

    private static String normalized(String request) {
        return request == null ? "auto" : request.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * A new root manager of native memory on {@code device}, with the engine prepared first (see
     * {@link NativeMemorySetup}); every root manager of the plugin comes from here.
     */
    public static NDManager newManager(Device device) {
        return NDManager.newBaseManager(device, engine().getEngineName());
    }

    /** The PyTorch engine, with a clear message when its native library cannot be loaded. */
    public static Engine engine() {
        NativeMemorySetup.prepare();
        try {
            return Engine.getEngine(ENGINE);
        } catch (EngineException | IllegalArgumentException e) {
            throw new DeviceUnavailableException("The PyTorch engine could not start: " + e.getMessage()
                    + ". On first use DJL downloads libtorch (about 200 MB); offline, set PYTORCH_LIBRARY_PATH to a "
                    + "local libtorch or put the pytorch-native jar on the class path (see the README).");
        }
    }

    private static String gpuText(int gpus) {
        return gpus == 0 ? "no CUDA GPU" : gpus + " CUDA GPU" + (gpus == 1 ? "" : "s");
    }
}
