package io.github.imagejgan.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class NativePlatformsTest {

    @Test
    void mavenClassifiersMapToTheUpdatersPlatformFolders() {
        assertEquals("jars/linux64/openblas-0.3.26-1.5.10-linux-x86_64.jar",
                NativePlatforms.sitePath("linux-x86_64", "openblas-0.3.26-1.5.10-linux-x86_64.jar"));
        assertEquals(Optional.of("win64"), NativePlatforms.fijiPlatform("windows-x86_64"));
        assertEquals(Optional.of("macos-arm64"), NativePlatforms.fijiPlatform("macosx-arm64"));
        assertEquals(Optional.of("macos64"), NativePlatforms.fijiPlatform("macosx-x86_64"));
        assertEquals(Optional.empty(), NativePlatforms.fijiPlatform("linux-x86_64-avx2"));
        for (String classifier : NativePlatforms.classifiers()) {
            assertTrue(SiteVerifier.PLATFORMS.contains(NativePlatforms.fijiPlatform(classifier)
                    .orElseThrow()), classifier);
        }
        assertThrows(IllegalArgumentException.class, () -> NativePlatforms.sitePath("android-arm", "x.jar"));
    }

    @Test
    void thisMachinesPlatformIsOneTheUpdaterKnowsWhereItIsACommonOne() {
        String arch = System.getProperty("os.arch");
        String platform = NativePlatforms.current();
        if (System.getProperty("os.name").startsWith("Linux") && arch.equals("amd64")) {
            assertEquals("linux64", platform);
        } else {
            assertTrue(platform.matches("[a-z]+(64|-[a-z0-9_]+)"), platform);
        }
    }
}
