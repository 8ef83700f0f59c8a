package io.github.imagejgan.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.w3c.dom.Element;

/**
 * Reads the {@code db.xml.gz} of an earlier release, so that the next one can keep its versions as previous
 * versions. Only what this generator writes is read back: {@code <category>} never occurs on these sites.
 */
final class DbXmlReader {

    private DbXmlReader() {
    }

    static List<PluginRecord> read(Path dbXmlGz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dbXmlGz))) {
            return read(in, dbXmlGz.toString());
        }
    }

    static List<PluginRecord> read(InputStream xml, String what) throws IOException {
        Element root = Xml.parse(xml, what);
        if (!root.getTagName().equals("pluginRecords")) {
            throw new IOException(what + " is not an update site index: its root is <" + root.getTagName() + ">");
        }
        List<PluginRecord> records = new ArrayList<>();
        for (Element plugin : Xml.children(root, "plugin")) {
            records.add(readRecord(plugin, what));
        }
        return records;
    }

    private static PluginRecord readRecord(Element plugin, String what) throws IOException {
        String filename = required(plugin, "filename", what);
        Optional<FileVersion> current = Optional.empty();
        Optional<Element> version = Xml.child(plugin, "version");
        if (version.isPresent()) {
            Element v = version.get();
            current = Optional.of(new FileVersion(required(v, "checksum", what), number(v, "timestamp", what),
                    number(v, "filesize", what), Xml.text(v, "description").orElse(null),
                    Xml.children(v, "dependency").stream().map(d -> d.getAttribute("filename")).toList(),
                    texts(v, "link"), texts(v, "author")));
        }
        List<PreviousVersion> read = new ArrayList<>();
        for (Element p : Xml.children(plugin, "previous-version")) {
            // A missing timestamp-obsolete reads as 0 in the updater too.
            long obsolete = p.hasAttribute("timestamp-obsolete") ? number(p, "timestamp-obsolete", what) : 0;
            read.add(new PreviousVersion(p.hasAttribute("filename") ? p.getAttribute("filename") : null,
                    required(p, "checksum", what), number(p, "timestamp", what), obsolete));
        }
        // This generator always writes a previous version's filename; where an index lacks one, the updater takes
        // the filename of the next newer version, so do the same, newest first.
        read.sort(Comparator.comparingLong(PreviousVersion::timestamp).reversed());
        List<PreviousVersion> previous = new ArrayList<>();
        String newerName = filename;
        for (PreviousVersion p : read) {
            String name = p.filename() != null ? p.filename() : newerName;
            previous.add(new PreviousVersion(name, p.checksum(), p.timestamp(), p.timestampObsolete()));
            newerName = name;
        }
        return new PluginRecord(filename, texts(plugin, "platform"), current, previous);
    }

    private static List<String> texts(Element parent, String name) {
        return Xml.children(parent, name).stream().map(e -> e.getTextContent().strip()).toList();
    }

    private static String required(Element element, String attribute, String what) throws IOException {
        if (!element.hasAttribute(attribute)) {
            throw new IOException(what + ": <" + element.getTagName() + "> lacks the attribute " + attribute);
        }
        return element.getAttribute(attribute);
    }

    private static long number(Element element, String attribute, String what) throws IOException {
        String text = required(element, attribute, what);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(what + ": " + attribute + "=\"" + text + "\" is not a number", e);
        }
    }
}
