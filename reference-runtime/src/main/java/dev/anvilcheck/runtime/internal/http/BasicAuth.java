package dev.anvilcheck.runtime.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Basic credentials of a request (HTTP-08, HTTP-10, HTTP-26): an {@code Authorization} header
 * {@code Basic <base64 of user:password>} gives both (the password may contain colons); any other
 * header, or decoded text without a colon, gives none; a Basic header whose credentials are not
 * Base64 is malformed, which the server answers with 400.
 *
 * @param username the user name, or {@code null}
 * @param password the password, or {@code null}
 */
record BasicAuth(String username, String password) {
    private static final Pattern BASIC = Pattern.compile("\\s*Basic\\s+(.+)");
    private static final Pattern PAIR = Pattern.compile("([^:]*):(.*)", Pattern.DOTALL);
    private static final BasicAuth NONE = new BasicAuth(null, null);

    /** Thrown for a Basic header that cannot be decoded (HTTP-10). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static BasicAuth parse(String authorization) throws Malformed {
        if (authorization == null) {
            return NONE;
        }
        Matcher m = BASIC.matcher(authorization);
        if (!m.matches()) {
            return NONE;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(m.group(1).trim());
        } catch (IllegalArgumentException e) {
            throw new Malformed("Invalid Authorization header for HTTP Basic auth: " + authorization);
        }
        Matcher pair = PAIR.matcher(new String(decoded, StandardCharsets.UTF_8));
        return pair.find() ? new BasicAuth(pair.group(1), pair.group(2)) : NONE;
    }
}
