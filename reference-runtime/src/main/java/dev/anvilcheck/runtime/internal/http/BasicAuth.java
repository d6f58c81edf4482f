package dev.anvilcheck.runtime.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Basic credentials of a request (HTTP-08, HTTP-10, HTTP-26), read as the App Server reads
 * them ({@code serve_app/core.clj}, {@code serve-http-endpoint}): an {@code Authorization} header
 * {@code Basic <base64 of user:password>} gives both, the user name up to the first colon and the
 * password up to the end of that line; any other header, or decoded text without a colon, gives
 * none. The Base64 is decoded leniently, as commons-codec's {@code Base64.decodeBase64} does:
 * characters outside both Base64 alphabets are skipped, decoding stops at the first {@code =}, and
 * a final lone character is dropped, so no header is ever malformed.
 *
 * @param username the user name, or {@code null}
 * @param password the password, or {@code null}
 */
record BasicAuth(String username, String password) {
    private static final Pattern BASIC = Pattern.compile("\\s*Basic\\s+(.+)");
    /** The platform's {@code #"([^:]*):(.*)"}: {@code .} stops at the end of a line. */
    private static final Pattern PAIR = Pattern.compile("([^:]*):(.*)");
    private static final BasicAuth NONE = new BasicAuth(null, null);

    static BasicAuth parse(String authorization) {
        if (authorization == null) {
            return NONE;
        }
        Matcher m = BASIC.matcher(authorization);
        if (!m.matches()) {
            return NONE;
        }
        Matcher pair = PAIR.matcher(new String(decodeLeniently(m.group(1)), StandardCharsets.UTF_8));
        return pair.find() ? new BasicAuth(pair.group(1), pair.group(2)) : NONE;
    }

    /** Base64 (standard or URL-safe alphabet) as commons-codec decodes it by default. */
    static byte[] decodeLeniently(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int bits = 0;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                break;
            }
            int value = sextet(c);
            if (value < 0) {
                continue;
            }
            bits = (bits << 6) | value;
            count++;
            if (count == 4) {
                out.write(bits >> 16);
                out.write(bits >> 8);
                out.write(bits);
                bits = 0;
                count = 0;
            }
        }
        if (count == 2) {
            out.write(bits >> 4);
        } else if (count == 3) {
            out.write(bits >> 10);
            out.write(bits >> 2);
        }
        return out.toByteArray();
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        } else if (c == '+' || c == '-') {
            return 62;
        } else if (c == '/' || c == '_') {
            return 63;
        }
        return -1;
    }
}
