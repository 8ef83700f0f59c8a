package io.github.imagejgan.updatesite;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code db.xml.gz}, the index the updater downloads from a site. The layout follows the updater's own writer
 * (XMLFileWriter): UTF-8, its DTD as internal subset, elements in the order the DTD demands, indented by four spaces
 * so that two releases can be compared with a plain diff.
 */
final class DbXmlWriter {

    /** The updater's document type, declared in the document as the updater itself writes it. */
    static final String DOCTYPE = """
            <!DOCTYPE pluginRecords [
            <!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>
            <!ELEMENT update-site EMPTY>
            <!ELEMENT disabled-update-site EMPTY>
            <!ELEMENT plugin (platform*, category*, version?, previous-version*)>
            <!ELEMENT version (description?, dependency*, link*, author*)>
            <!ELEMENT previous-version EMPTY>
            <!ELEMENT description (#PCDATA)>
            <!ELEMENT dependency EMPTY>
            <!ELEMENT link (#PCDATA)>
            <!ELEMENT author (#PCDATA)>
            <!ELEMENT platform (#PCDATA)>
            <!ELEMENT category (#PCDATA)>
            <!ATTLIST update-site name CDATA #REQUIRED>
            <!ATTLIST update-site url CDATA #REQUIRED>
            <!ATTLIST update-site ssh-host CDATA #IMPLIED>
            <!ATTLIST update-site upload-directory CDATA #IMPLIED>
            <!ATTLIST update-site description CDATA #IMPLIED>
            <!ATTLIST update-site maintainer CDATA #IMPLIED>
            <!ATTLIST update-site timestamp CDATA #REQUIRED>
            <!ATTLIST disabled-update-site name CDATA #REQUIRED>
            <!ATTLIST disabled-update-site url CDATA #REQUIRED>
            <!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>
            <!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>
            <!ATTLIST disabled-update-site description CDATA #IMPLIED>
            <!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>
            <!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>
            <!ATTLIST plugin update-site CDATA #IMPLIED>
            <!ATTLIST plugin filename CDATA #REQUIRED>
            <!ATTLIST plugin executable CDATA #IMPLIED>
            <!ATTLIST dependency filename CDATA #REQUIRED>
            <!ATTLIST dependency timestamp CDATA #IMPLIED>
            <!ATTLIST dependency overrides CDATA #IMPLIED>
            <!ATTLIST version timestamp CDATA #REQUIRED>
            <!ATTLIST version checksum CDATA #REQUIRED>
            <!ATTLIST version filesize CDATA #REQUIRED>
            <!ATTLIST previous-version filename CDATA #IMPLIED>
            <!ATTLIST previous-version timestamp CDATA #REQUIRED>
            <!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>
            <!ATTLIST previous-version checksum CDATA #REQUIRED>]>""";

    private DbXmlWriter() {
    }

    /** Writes the gzipped index. Java's gzip header carries no date, so equal records give equal bytes. */
    static void write(List<PluginRecord> records, Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            write(records, out);
        }
    }

    static byte[] toXml(List<PluginRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(records, out);
        return out.toByteArray();
    }

    private static void write(List<PluginRecord> records, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, UTF_8.name());
            xml.writeStartDocument(UTF_8.name(), "1.0");
            xml.writeCharacters("\n");
            xml.writeDTD(DOCTYPE);
            xml.writeCharacters("\n");
            xml.writeStartElement("pluginRecords");
            for (PluginRecord record : records) {
                writeRecord(xml, record);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the update site index", e);
        }
    }

    private static void writeRecord(XMLStreamWriter xml, PluginRecord record) throws XMLStreamException {
        indent(xml, 1);
        xml.writeStartElement("plugin");
        xml.writeAttribute("filename", record.filename());
        for (String platform : record.platforms()) {
            // Before <version>, as the DTD orders a plugin's children.
            indent(xml, 2);
            xml.writeStartElement("platform");
            xml.writeCharacters(platform);
            xml.writeEndElement();
        }
        if (record.current().isPresent()) {
            FileVersion version = record.current().get();
            indent(xml, 2);
            xml.writeStartElement("version");
            xml.writeAttribute("checksum", version.checksum());
            xml.writeAttribute("timestamp", Long.toString(version.timestamp()));
            xml.writeAttribute("filesize", Long.toString(version.filesize()));
            if (version.description() != null) {
                textElement(xml, "description", version.description());
            }
            for (String dependency : version.dependencies()) {
                indent(xml, 3);
                xml.writeEmptyElement("dependency");
                xml.writeAttribute("filename", dependency);
                // When the dependency was recorded, which is when this version was released.
                xml.writeAttribute("timestamp", Long.toString(version.timestamp()));
            }
            for (String link : version.links()) {
                textElement(xml, "link", link);
            }
            for (String author : version.authors()) {
                textElement(xml, "author", author);
            }
            indent(xml, 2);
            xml.writeEndElement();
        }
        for (PreviousVersion previous : record.previous()) {
            indent(xml, 2);
            xml.writeEmptyElement("previous-version");
            xml.writeAttribute("timestamp", Long.toString(previous.timestamp()));
            xml.writeAttribute("timestamp-obsolete", Long.toString(previous.timestampObsolete()));
            xml.writeAttribute("checksum", previous.checksum());
            xml.writeAttribute("filename", previous.filename());
        }
        indent(xml, 1);
        xml.writeEndElement();
    }

    private static void textElement(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        indent(xml, 3);
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "    ".repeat(depth));
    }
}
