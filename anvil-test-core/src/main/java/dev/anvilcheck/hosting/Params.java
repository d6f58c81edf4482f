package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Decoding of query strings, form bodies and path segments (HTTP-03, HTTP-23, Q-08): parameters
 * are decoded strings; a key given more than once holds the list of its values in order, as Ring's
 * parameter middleware gives them. Malformed escapes are kept as sent rather than rejected.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Params {
    private Params() {}

    /**
     * Parses {@code a=1&b=x%20y&a=2} into {@code {a=[1, 2], b=x y}}.
     *
     * @param encoded the query string or form body, without {@code ?}; {@code null} for none
     * @param charset the charset of percent-escapes
     * @return the parameters, read-only
     */
    public static Map<String, Object> parse(String encoded, Charset charset) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return Collections.unmodifiableMap(out);
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decodeForm(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : decodeForm(pair.substring(eq + 1), charset);
            Object previous = out.get(key);
            if (previous == null) {
                out.put(key, value);
            } else if (previous instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) list;
                values.add(value);
            } else {
                List<Object> values = new ArrayList<>();
                values.add(previous);
                values.add(value);
                out.put(key, values);
            }
        }
        out.replaceAll((k, v) -> v instanceof List<?> l ? List.copyOf(l) : v);
        return Collections.unmodifiableMap(out);
    }

    /**
     * Decodes one form-encoded token: {@code +} is a space, {@code %XX} a byte.
     *
     * @param token the token
     * @param charset the charset of the bytes
     * @return the decoded text, or the token as sent if an escape is malformed
     */
    public static String decodeForm(String token, Charset charset) {
        return decode(token, charset, true);
    }

    /**
     * Decodes one path segment as UTF-8: {@code %XX} is a byte, {@code +} stays {@code +}.
     *
     * @param segment the raw segment
     * @return the decoded text, or the segment as sent if an escape is malformed
     */
    public static String decodePathSegment(String segment) {
        return decode(segment, StandardCharsets.UTF_8, false);
    }

    private static String decode(String s, Charset charset, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return s;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return s;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(charset);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    encoded = s.substring(i, i + 2).getBytes(charset);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(charset);
    }
}
