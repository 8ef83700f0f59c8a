package io.github.imagejgan.updatesite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbXmlTest {

    @TempDir
    Path dir;

    static final String SUM_A = "0123456789abcdef0123456789abcdef01234567";
    static final String SUM_B = "89abcdef0123456789abcdef0123456789abcdef";

    static final List<PluginRecord> RECORDS = List.of(
            new PluginRecord("jars/imagej-gan-0.2.0.jar", Optional.of(new FileVersion(SUM_B, 20261215093000L, 1234,
                    "Denoise & restore <16-bit> images, \"fast\" – für alle", List.of("jars/api.jar", "jars/ij.jar"),
                    List.of("https://example.org/?a=1&b=2"), List.of("A. Author", "B. Author"))),
                    List.of(new PreviousVersion("jars/imagej-gan-0.1.0.jar", SUM_A, 20261201120000L, 20261215093000L))),
            new PluginRecord("jars/win64/lib-1.0-windows-x86_64.jar", List.of("win64"), Optional.of(new FileVersion(
                    SUM_A, 20261201120000L, 99, null, List.of("jars/lib.jar"), List.of(), List.of())), List.of()),
            new PluginRecord("scripts/Old.ijm", Optional.empty(),
                    List.of(new PreviousVersion("scripts/Old.ijm", SUM_A, 20261201120000L, 20261215093000L))));

    @Test
    void recordsSurviveAWriteAndARead() throws IOException {
        Path index = dir.resolve("db.xml.gz");
        DbXmlWriter.write(RECORDS, index);
        assertEquals(RECORDS, DbXmlReader.read(index));
    }

    @Test
    void theIndexIsGzippedUtf8WithTheDtdBeforeTheRoot() throws IOException {
        Path index = dir.resolve("db.xml.gz");
        DbXmlWriter.write(RECORDS, index);
        String xml;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(index))) {
            xml = new String(in.readAllBytes(), UTF_8);
        }
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE pluginRecords [\n"), xml);
        assertTrue(xml.indexOf("]>") < xml.indexOf("<pluginRecords>"));
        assertTrue(xml.contains("für alle"), "UTF-8 text stays readable");
        assertTrue(xml.contains("Denoise &amp; restore &lt;16-bit&gt; images"), xml);
    }

    @Test
    void equalRecordsGiveEqualBytes() throws IOException {
        DbXmlWriter.write(RECORDS, dir.resolve("a.gz"));
        DbXmlWriter.write(RECORDS, dir.resolve("b.gz"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.gz")), Files.readAllBytes(dir.resolve("b.gz")));
    }

    @Test
    void aMissingPreviousFilenameIsTakenFromTheNextNewerVersionAsTheUpdaterDoes() throws IOException {
        String xml = """
                <pluginRecords>
                  <plugin filename="jars/x-3.0.jar">
                    <version checksum="%1$s" timestamp="20260301000000" filesize="5"/>
                    <previous-version checksum="%2$s" timestamp="20260101000000"/>
                    <previous-version checksum="%2$s" timestamp="20260201000000" filename="jars/x-2.0.jar"/>
                  </plugin>
                </pluginRecords>
                """.formatted(SUM_B, SUM_A);
        PluginRecord record = DbXmlReader.read(new ByteArrayInputStream(xml.getBytes(UTF_8)), "test").get(0);
        assertEquals(List.of("jars/x-2.0.jar", "jars/x-2.0.jar"),
                record.previous().stream().map(PreviousVersion::filename).toList());
        assertEquals(0, record.previous().get(0).timestampObsolete());
    }

    @Test
    void aBrokenIndexIsRefusedWithItsName() {
        String xml = "<pluginRecords><plugin filename=\"jars/x.jar\"><version checksum=\"%s\" timestamp=\"soon\""
                + " filesize=\"1\"/></plugin></pluginRecords>";
        IOException error = assertThrows(IOException.class, () -> DbXmlReader.read(
                new ByteArrayInputStream(xml.formatted(SUM_A).getBytes(UTF_8)), "old-db.xml.gz"));
        assertTrue(error.getMessage().startsWith("old-db.xml.gz: timestamp=\"soon\""), error.getMessage());
    }
}
