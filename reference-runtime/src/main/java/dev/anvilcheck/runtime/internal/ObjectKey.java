package dev.anvilcheck.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One generation of a session's object secret: capabilities issued to the session carry an
 * HMAC-SHA256 of their base scope under it (CAP-08, CAP-20); invalidating the session's objects
 * replaces it with a new generation (CAP-16).
 *
 * @param secret the secret
 * @param generation how many times the session's objects were invalidated
 */
public record ObjectKey(byte[] secret, long generation) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static ObjectKey fresh(long generation) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new ObjectKey(secret, generation);
    }

    /**
     * The MAC of a base scope under this key.
     *
     * @param baseScope the base scope, as JSON values
     * @return the MAC, base64url without padding
     */
    public String mac(List<Object> baseScope) {
        StringBuilder canonical = new StringBuilder();
        encode(baseScope, canonical);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = hmac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * Whether {@code mac} is the MAC of {@code baseScope} under this key, compared in constant time.
     *
     * @param baseScope the base scope
     * @param mac the MAC to check
     * @return true if it matches
     */
    public boolean verifies(List<Object> baseScope, String mac) {
        return MessageDigest.isEqual(mac(baseScope).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.UTF_8));
    }

    /** An injective, type-tagged encoding of a JSON value; map keys sorted (Uplink §4.6). */
    private static void encode(Object value, StringBuilder out) {
        if (value == null) {
            out.append('n');
        } else if (value instanceof String s) {
            out.append('s').append(s.length()).append(':').append(s);
        } else if (value instanceof Boolean b) {
            out.append(b.toString().charAt(0)); // 't' or 'f'
        } else if (value instanceof Number n) {
            out.append(n instanceof Double ? 'd' : 'i').append(n).append(';');
        } else if (value instanceof List<?> list) {
            out.append('l').append(list.size()).append('[');
            for (Object item : list) {
                encode(item, out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('m').append(map.size()).append('{');
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                encode(String.valueOf(e.getKey()), out);
                encode(e.getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("not a JSON value in a capability scope: " + value.getClass());
        }
    }
}
