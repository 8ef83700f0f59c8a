package io.github.imagejgan.updatesite;

import java.io.ByteArrayOutputStream;

/**
 * Drops the comment lines of a {@code .properties} jar entry the way the updater does before checksumming it
 * (its SkipHashedLines stream). Builds write the build date into such comments (Maven's pom.properties did for years),
 * and the updater must not take a rebuild for a change.
 *
 * <p>The rule is the updater's exact behaviour, quirks included, because users' Fiji installations compute it:
 * <ul>
 * <li>a comment line at the start of a line is replaced by its line break alone ({@code "#x\n"} becomes {@code "\n"});
 * a comment at the very end without a line break disappears;</li>
 * <li>the line after an empty line, or after a line of only {@code #}s, does not count as starting a line, so a
 * comment there is kept;</li>
 * <li>bytes are compared, not characters: only {@code '#'} (0x23) and {@code '\n'} (0x0a) matter, {@code "\r"} is
 * an ordinary byte.</li>
 * </ul>
 */
final class PropertiesCommentFilter {

    private PropertiesCommentFilter() {
    }

    static byte[] apply(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        boolean atLineStart = true;
        int i = 0;
        while (i < in.length) {
            byte b = in[i];
            if (atLineStart && b == '#') {
                int afterHashes = i;
                while (afterHashes < in.length && in[afterHashes] == '#') {
                    afterHashes++;
                }
                if (afterHashes < in.length && in[afterHashes] == '\n') {
                    // A line of only '#'s: the updater reads its line break while still "at line start" and so
                    // leaves that state, unlike after a comment with text.
                    out.write('\n');
                    atLineStart = false;
                    i = afterHashes + 1;
                    continue;
                }
                int lineBreak = indexOf(in, (byte) '\n', afterHashes);
                if (lineBreak < 0) {
                    break; // a comment up to the end of the entry leaves nothing
                }
                out.write('\n');
                atLineStart = true;
                i = lineBreak + 1;
                continue;
            }
            out.write(b);
            // At line start any byte, even a line break, ends the line start; elsewhere only a line break begins one.
            atLineStart = !atLineStart && b == '\n';
            i++;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
