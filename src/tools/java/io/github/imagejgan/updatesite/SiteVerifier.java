package io.github.imagejgan.updatesite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.scijava.util.FileUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks a site folder the way the updater will use it, without the generator's code: the index is validated against
 * the updater's DTD, every checksum is recomputed with {@link ReferenceChecksum}, and every size, file name and
 * dependency is checked. Used by the tests, and by the update-site profile on the real output
 * ({@code SiteVerifier <site folder> <pom-scijava pom>}).
 */
public final class SiteVerifier {

    /** The updater's DTD, transcribed from its XMLFileWriter separately from the generator's copy. */
    private static final String UPDATER_DTD = String.join("\n",
            "<!DOCTYPE pluginRecords [",
            "<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>",
            "<!ELEMENT update-site EMPTY>",
            "<!ELEMENT disabled-update-site EMPTY>",
            "<!ELEMENT plugin (platform*, category*, version?, previous-version*)>",
            "<!ELEMENT version (description?, dependency*, link*, author*)>",
            "<!ELEMENT previous-version EMPTY>",
            "<!ELEMENT description (#PCDATA)>",
            "<!ELEMENT dependency EMPTY>",
            "<!ELEMENT link (#PCDATA)>",
            "<!ELEMENT author (#PCDATA)>",
            "<!ELEMENT platform (#PCDATA)>",
            "<!ELEMENT category (#PCDATA)>",
            "<!ATTLIST update-site name CDATA #REQUIRED>",
            "<!ATTLIST update-site url CDATA #REQUIRED>",
            "<!ATTLIST update-site ssh-host CDATA #IMPLIED>",
            "<!ATTLIST update-site upload-directory CDATA #IMPLIED>",
            "<!ATTLIST update-site description CDATA #IMPLIED>",
            "<!ATTLIST update-site maintainer CDATA #IMPLIED>",
            "<!ATTLIST update-site timestamp CDATA #REQUIRED>",
            "<!ATTLIST disabled-update-site name CDATA #REQUIRED>",
            "<!ATTLIST disabled-update-site url CDATA #REQUIRED>",
            "<!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>",
            "<!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>",
            "<!ATTLIST disabled-update-site description CDATA #IMPLIED>",
            "<!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>",
            "<!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>",
            "<!ATTLIST plugin update-site CDATA #IMPLIED>",
            "<!ATTLIST plugin filename CDATA #REQUIRED>",
            "<!ATTLIST plugin executable CDATA #IMPLIED>",
            "<!ATTLIST dependency filename CDATA #REQUIRED>",
            "<!ATTLIST dependency timestamp CDATA #IMPLIED>",
            "<!ATTLIST dependency overrides CDATA #IMPLIED>",
            "<!ATTLIST version timestamp CDATA #REQUIRED>",
            "<!ATTLIST version checksum CDATA #REQUIRED>",
            "<!ATTLIST version filesize CDATA #REQUIRED>",
            "<!ATTLIST previous-version filename CDATA #IMPLIED>",
            "<!ATTLIST previous-version timestamp CDATA #REQUIRED>",
            "<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>",
            "<!ATTLIST previous-version checksum CDATA #REQUIRED>]>");

    /**
     * Folders the updater looks into on a user's machine, with the endings it checksums there (its Checksummer);
     * a file elsewhere would never be seen as installed. An empty set means any ending.
     */
    private static final Map<String, Set<String>> SCANNED = Map.of(
            "jars", Set.of(".jar"),
            "scripts", Set.of(".ijm", ".py", ".m", ".rb", ".clj", ".js", ".bsh", ".groovy", ".gvy"),
            "macros", Set.of(".ijm", ".txt"),
            "models", Set.of());

    /**
     * The platform names of the updater (its Platforms class); a {@code <platform>} naming anything else would hide
     * the file from everyone.
     */
    static final Set<String> PLATFORMS = Set.of("linux32", "linux64", "linux-arm64", "win32", "win64",
            "win-arm64", "macosx", "macos64", "macos-arm64");

    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{40}");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private final Path site;
    private final Set<String> fijiPaths;
    private final Set<String> releasedBefore;
    private final List<String> problems = new ArrayList<>();

    private SiteVerifier(Path site, Set<String> fijiPaths, Set<String> releasedBefore) {
        this.site = site;
        this.fijiPaths = fijiPaths;
        this.releasedBefore = releasedBefore;
    }

    /**
     * Everything wrong with a complete site; empty when the updater will accept it.
     *
     * @param fijiPaths paths without version of the jars Fiji ships ({@code jars/gson.jar})
     */
    static List<String> problems(Path site, Set<String> fijiPaths) throws IOException {
        return problems(site, fijiPaths, Set.of());
    }

    /**
     * Everything wrong with a site folder that holds only what a release adds to the hosted site.
     *
     * @param releasedBefore the stored names ({@code <path>-<timestamp>}) of the previous release, already on the
     *        hosted site: they may be missing here, and cannot be checked here
     */
    static List<String> problems(Path site, Set<String> fijiPaths, Set<String> releasedBefore) throws IOException {
        SiteVerifier verifier = new SiteVerifier(site, fijiPaths, releasedBefore);
        verifier.verify();
        return verifier.problems;
    }

    /**
     * {@code SiteVerifier <site folder> <pom-scijava pom> [<previous db.xml.gz or site folder>]}: with the previous
     * release, the folder may hold only the new files, as the generator writes them from a previous index.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("Usage: SiteVerifier <site folder> <pom-scijava pom> [<previous release>]");
            System.exit(2);
        }
        Path site = Path.of(args[0]);
        Set<String> released = args.length == 3 && !args[2].isBlank() ? storedNames(Path.of(args[2])) : Set.of();
        List<String> found = problems(site, FijiLibraries.read(Path.of(args[1])).unversionedPaths(), released);
        if (!found.isEmpty()) {
            found.forEach(p -> System.err.println("Update site problem: " + p));
            System.exit(1);
        }
        try (Stream<Path> files = Files.walk(site)) {
            System.out.println("Update site verified against the updater's rules: "
                    + files.filter(Files::isRegularFile).count() + " files in " + site);
        }
    }

    private void verify() throws IOException {
        Path index = site.resolve("db.xml.gz");
        if (!Files.isRegularFile(index)) {
            problems.add("no db.xml.gz");
            return;
        }
        byte[] xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(index))) {
            xml = in.readAllBytes();
        }
        String text = new String(xml, StandardCharsets.UTF_8);
        if (!text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")) {
            problems.add("db.xml.gz does not declare XML 1.0 in UTF-8");
        }
        int doctype = text.indexOf("<!DOCTYPE");
        if (doctype < 0 || !text.startsWith(UPDATER_DTD, doctype)) {
            problems.add("db.xml.gz does not carry the updater's DTD as internal subset");
        }
        Element root = parseValidating(xml);
        if (root == null) {
            return;
        }
        List<Element> plugins = elements(root, "plugin");
        Map<String, Element> byName = new HashMap<>();
        Set<String> current = new HashSet<>();
        for (Element plugin : plugins) {
            String filename = plugin.getAttribute("filename");
            if (byName.put(FileUtils.stripFilenameVersion(filename), plugin) != null) {
                problems.add("two records for " + FileUtils.stripFilenameVersion(filename));
            }
            if (!elements(plugin, "version").isEmpty()) {
                current.add(FileUtils.stripFilenameVersion(filename));
            }
        }
        Set<String> expectedFiles = new HashSet<>(Set.of("db.xml.gz"));
        for (Element plugin : plugins) {
            verifyRecord(plugin, current, expectedFiles);
        }
        try (Stream<Path> files = Files.walk(site)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = site.relativize(file).toString().replace('\\', '/');
                if (!expectedFiles.contains(name)) {
                    problems.add(name + " is on the site but no record names it");
                }
            }
        }
    }

    private void verifyRecord(Element plugin, Set<String> current, Set<String> expectedFiles) throws IOException {
        String filename = plugin.getAttribute("filename");
        checkScanned(filename);
        checkPlatforms(filename, elements(plugin, "platform").stream().map(e -> e.getTextContent().strip()).toList());
        List<Element> versions = elements(plugin, "version");
        List<Element> previous = elements(plugin, "previous-version");
        long currentTimestamp = Long.MAX_VALUE;
        if (versions.isEmpty()) {
            if (previous.isEmpty()) {
                problems.add(filename + " has neither a version nor a previous version");
            }
        } else {
            Element version = versions.get(0);
            currentTimestamp = timestamp(version, "timestamp", filename);
            String stored = filename + "-" + version.getAttribute("timestamp");
            expectedFiles.add(stored);
            verifyStoredFile(filename, stored, version.getAttribute("checksum"), version.getAttribute("filesize"),
                    true);
            for (Element dependency : elements(version, "dependency")) {
                String name = dependency.getAttribute("filename");
                if (dependency.hasAttribute("timestamp")) {
                    timestamp(dependency, "timestamp", filename + " -> " + name);
                }
                if (!FileUtils.stripFilenameVersion(name).equals(name)) {
                    problems.add(filename + " names its dependency " + name + " with a version");
                } else if (!current.contains(name) && !fijiPaths.contains(name)) {
                    problems.add(filename + " needs " + name + ", which neither the site nor Fiji provides");
                }
            }
        }
        for (Element old : previous) {
            String oldName = old.hasAttribute("filename") ? old.getAttribute("filename") : filename;
            long oldTimestamp = timestamp(old, "timestamp", oldName);
            if (oldTimestamp >= currentTimestamp) {
                problems.add(oldName + ": previous version " + oldTimestamp + " is not older than the current one");
            }
            if (old.hasAttribute("timestamp-obsolete")
                    && timestamp(old, "timestamp-obsolete", oldName) < oldTimestamp) {
                problems.add(oldName + ": made obsolete before it was released");
            }
            String stored = oldName + "-" + old.getAttribute("timestamp");
            expectedFiles.add(stored);
            verifyStoredFile(oldName, stored, old.getAttribute("checksum"), null, false);
        }
    }

    /** The stored file must exist if current, and where present have the recorded size and checksum. */
    private void verifyStoredFile(String path, String stored, String checksum, String filesize, boolean required)
            throws IOException {
        if (!CHECKSUM.matcher(checksum).matches()) {
            problems.add(stored + ": checksum '" + checksum + "' is not 40 lowercase hex digits");
        }
        Path file = site.resolve(stored);
        if (!Files.isRegularFile(file)) {
            if (required && !releasedBefore.contains(stored)) {
                problems.add(stored + " is missing");
            }
            return;
        }
        if (filesize != null) {
            long size = Files.size(file);
            if (!filesize.equals(Long.toString(size))) {
                problems.add(stored + " has " + size + " bytes, the index says " + filesize);
            }
            if (size == 0) {
                problems.add(stored + " is empty: the updater would delete the file instead of installing it");
            }
        }
        String actual = ReferenceChecksum.of(path, file);
        if (!actual.equals(checksum)) {
            problems.add(stored + ": checksum " + actual + ", the index says " + checksum);
        }
    }

    /**
     * Platform names must be the updater's, and a jar in a platform folder ({@code jars/win64/}) must be marked for
     * exactly that platform: Fiji puts the folder on the class path of that platform only, and the updater would
     * otherwise install the file where it is never loaded.
     */
    private void checkPlatforms(String path, List<String> platforms) {
        for (String platform : platforms) {
            if (!PLATFORMS.contains(platform)) {
                problems.add(path + " is for the platform '" + platform + "', which the updater does not know");
            }
        }
        String[] parts = path.split("/");
        if (parts.length >= 3 && parts[0].equals("jars") && PLATFORMS.contains(parts[1])
                && !platforms.equals(List.of(parts[1]))) {
            problems.add(path + " sits in the " + parts[1] + " folder but is marked for " + platforms);
        }
    }

    private void checkScanned(String path) {
        int slash = path.indexOf('/');
        Set<String> endings = slash < 0 ? null : SCANNED.get(path.substring(0, slash));
        int dot = path.lastIndexOf('.');
        boolean seen = endings != null && (endings.isEmpty() || dot > slash && endings.contains(path.substring(dot)));
        if (!seen) {
            problems.add(path + " is not where the updater looks for installed files");
        }
    }

    private long timestamp(Element element, String attribute, String what) {
        String value = element.getAttribute(attribute);
        try {
            LocalDateTime.parse(value, TIMESTAMP);
            return Long.parseLong(value);
        } catch (DateTimeParseException e) {
            problems.add(what + ": " + attribute + "=\"" + value + "\" is not a yyyyMMddHHmmss timestamp");
            return 0;
        }
    }

    /** Every stored file name a release's index names: current and previous versions. */
    static Set<String> storedNames(Path previous) throws IOException {
        Path index = Files.isDirectory(previous) ? previous.resolve("db.xml.gz") : previous;
        Element root;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(index))) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            root = factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(index + " is not an update site index: " + e.getMessage(), e);
        }
        Set<String> names = new HashSet<>();
        for (Element plugin : elements(root, "plugin")) {
            String filename = plugin.getAttribute("filename");
            for (Element version : elements(plugin, "version")) {
                names.add(filename + "-" + version.getAttribute("timestamp"));
            }
            for (Element old : elements(plugin, "previous-version")) {
                String name = old.hasAttribute("filename") ? old.getAttribute("filename") : filename;
                names.add(name + "-" + old.getAttribute("timestamp"));
            }
        }
        return names;
    }

    /** Parses with DTD validation; validation errors become problems. */
    private Element parseValidating(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setValidating(true);
            factory.setIgnoringElementContentWhitespace(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    problems.add("db.xml.gz line " + e.getLineNumber() + ": " + e.getMessage());
                }

                @Override
                public void error(SAXParseException e) {
                    problems.add("db.xml.gz line " + e.getLineNumber() + " breaks the DTD: " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            Document document = builder.parse(new ByteArrayInputStream(xml));
            return document.getDocumentElement();
        } catch (SAXException e) {
            problems.add("db.xml.gz is not well-formed XML: " + e.getMessage());
            return null;
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                result.add(element);
            }
        }
        return result;
    }
}
