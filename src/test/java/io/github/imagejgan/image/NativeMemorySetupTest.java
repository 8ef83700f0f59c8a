package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import com.sun.jna.Platform;

class NativeMemorySetupTest {

    /** The engine starts with libtorch's huge-page switch on, unless the user chose a value: that one stays. */
    @Test
    void theEngineStartsWithHugePagesOnUnlessTheUserChose() {
        assumeTrue(Platform.isLinux(), "the switch exists on Linux only");
        String chosen = System.getenv(NativeMemorySetup.HUGE_PAGES);
        DeviceSelector.engine();
        assertEquals(chosen != null ? chosen : "1", NativeMemorySetup.nativeEnvironment(NativeMemorySetup.HUGE_PAGES));
    }

    @Test
    void theMallocTipComesAtMostOnceAndNeverForTheGpu() {
        assertTrue(NativeMemorySetup.advice(true).isEmpty());
        boolean first = NativeMemorySetup.advice(false).isPresent();
        assertTrue(NativeMemorySetup.advice(false).isEmpty(), "once per session");
        if (first) {
            assertTrue(Platform.isLinux() && System.getenv("MALLOC_ARENA_MAX") == null);
        }
    }
}
