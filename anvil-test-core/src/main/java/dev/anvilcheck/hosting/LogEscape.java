package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The one escaping rule of log lines, for text that came from outside (function names, paths,
 * messages, addresses sent by a client or a server): one log entry stays one line, and nothing in
 * it can pose as a second record. The reference runtime's app log and the Java uplink client's
 * log lines both use it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LogEscape {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogEscape() {}

    /**
     * {@code text} on one line, every character that could break or disguise a line made visible:
     * {@code \n}, {@code \r}, {@code \t} and the backslash itself as in Java source, any other
     * control character, line or paragraph separator and bidirectional formatting character as
     * {@code \}{@code uXXXX}.
     *
     * @param text the text, or {@code null}
     * @return the escaped text; {@code "null"} for {@code null}
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return c == '\\';
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        return c == '\u2028' || c == '\u2029' || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
