package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
