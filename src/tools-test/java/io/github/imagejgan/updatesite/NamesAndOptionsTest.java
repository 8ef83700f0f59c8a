package io.github.imagejgan.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndOptionsTest {

    @Test
    void timestampsAreFourteenDigitsOfARealDateInUtc() {
        assertEquals(20261201120000L, Timestamps.parse("20261201120000"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("2026120112000"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("20261301120000"), "month 13");
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("20260230120000"), "30 February");
        assertFalse(Timestamps.isValid(0));
        Clock tokyo = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneId.of("Asia/Tokyo"));
        assertEquals(20261201120000L, Timestamps.now(tokyo), "UTC, whatever the machine's zone");
    }

    @Test
    void theUnversionedNameIsTheUpdaters() {
        assertEquals("jars/imagej-gan.jar", SiteNames.unversioned("jars/imagej-gan-0.1.0-SNAPSHOT.jar"));
        assertEquals("jars/pytorch-jni.jar", SiteNames.unversioned("jars/pytorch-jni-2.7.1-0.36.0.jar"));
        assertEquals("scripts/Denoise_Folder.py", SiteNames.unversioned("scripts/Denoise_Folder.py"));
        assertEquals("jars/api-0.36.0.jar-20261201120000", SiteNames.stored("jars/api-0.36.0.jar", 20261201120000L));
    }

    @ParameterizedTest
    @ValueSource(strings = { "scripts/Débruiter.ijm", "scripts/.hidden.py", "scripts/../x.ijm", "scripts/a#b.ijm",
        "/jars/x.jar", "scripts//x.py" })
    void namesTheUpdaterCannotHandleAreRefused(String path) {
        assertThrows(IllegalArgumentException.class, () -> SiteNames.checked(path));
    }

    @Test
    void ordinaryNamesPass() {
        assertEquals("scripts/GAN/Denoise Folder_2.py", SiteNames.checked("scripts/GAN/Denoise Folder_2.py"));
    }

    @Test
    void optionsAreNameValuePairsWhereEmptyMeansAbsent() {
        Map<String, String> options = UpdateSiteMain.options(new String[] { "--plugin-jar=a.jar", "--pom=pom.xml",
            "--dependencies=d", "--fiji-pom=f.pom", "--scripts=s", "--models=m", "--out=o", "--previous=",
            "--timestamp= " }, UpdateSiteMain.REQUIRED);
        assertEquals("a.jar", options.get("plugin-jar"));
        assertFalse(options.containsKey("previous"));
        assertFalse(options.containsKey("timestamp"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> UpdateSiteMain.options(new String[] { "--outt=o" }, UpdateSiteMain.REQUIRED));
        assertTrue(unknown.getMessage().contains("--outt=o"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> UpdateSiteMain.options(new String[] { "--out=o" }, UpdateSiteMain.REQUIRED));
        assertTrue(missing.getMessage().startsWith("Missing --"));
    }
}
