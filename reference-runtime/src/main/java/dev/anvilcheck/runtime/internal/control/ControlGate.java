package dev.anvilcheck.runtime.internal.control;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who may use the control API: the one check every request passes before any route runs
 * ({@link ControlApi#serve} is the only way in, whatever the host). Without an admin token, only
 * this machine: the client's address must be a loopback one, the {@code Host} it addressed a
 * loopback name or address (so that a web page cannot reach it by rebinding a DNS name to
 * 127.0.0.1), and an {@code Origin}, if the request has one, a loopback origin (so that a page the
 * developer's browser shows cannot drive it). With an admin token, every request needs
 * {@code Authorization: Bearer <token>}, compared in constant time; 401 otherwise. In both modes a
 * request with a body must say {@code Content-Type: application/json}, which an HTML form cannot
 * send.
 */
final class ControlGate {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private final byte[] tokenDigest;

    /** @param adminToken the admin token, or {@code null} for loopback clients only */
    ControlGate(String adminToken) {
        if (adminToken != null && adminToken.isEmpty()) {
            throw new IllegalArgumentException("The admin token must not be empty");
        }
        this.tokenDigest = adminToken == null ? null : digest(adminToken);
    }

    boolean tokenRequired() {
        return tokenDigest != null;
    }

    /**
     * Checks a request.
     *
     * @param raw the request, headers by lower-case name
     * @param body its body, or {@code null}
     * @param remote the client's IP address
     * @return {@code null} if it may proceed, else the refusal to answer it with
     */
    RawHttpResponse refusal(RawHttpRequest raw, byte[] body, String remote) {
        if (tokenDigest != null) {
            String auth = raw.header("authorization");
            String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
            if (given == null || !MessageDigest.isEqual(tokenDigest, digest(given))) {
                RawHttpResponse r = ControlJson.error(401, "Authorization", "the control API needs the admin token:"
                        + " send 'Authorization: Bearer <token>'");
                java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>(r.headers());
                headers.put("www-authenticate", List.of("Bearer realm=\"anvilcheck control\""));
                return new RawHttpResponse(401, headers, r.body());
            }
        } else {
            if (!loopbackAddress(remote)) {
                return ControlJson.error(403, null, "the control API answers only clients on this machine; start"
                        + " serve mode with --admin-token to reach it from elsewhere");
            }
            String host = raw.header("host");
            if (host != null && !loopbackName(hostOf(host))) {
                return ControlJson.error(403, "Host", "the control API answers only requests addressed to a loopback"
                        + " name or address (localhost, 127.0.0.1, [::1]), not " + host);
            }
            String origin = raw.header("origin");
            if (origin != null && !loopbackOrigin(origin)) {
                return ControlJson.error(403, "Origin", "the control API does not answer requests from web pages of"
                        + " other origins: " + origin);
            }
        }
        if (body != null && body.length > 0) {
            String type = raw.header("content-type");
            String bare = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!bare.equals("application/json")) {
                return ControlJson.error(415, "Content-Type", "a request body must be JSON, sent with 'Content-Type:"
                        + " application/json', not " + (type == null ? "none" : type));
            }
        }
        return null;
    }

    private static boolean loopbackAddress(String remote) {
        if (remote == null) {
            return false;
        }
        String literal = remote.startsWith("[") && remote.endsWith("]") ? remote.substring(1, remote.length() - 1)
                : remote;
        if (!literal.contains(":") && !IPV4_LOOPBACK.matcher(literal).matches()) {
            return false; // not an address literal we accept: never resolve names here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The host of a {@code Host} header: without its port, IPv6 brackets kept. */
    private static String hostOf(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean loopbackName(String host) {
        return host.equals("localhost") || host.equals("[::1]") || IPV4_LOOPBACK.matcher(host).matches();
    }

    private static boolean loopbackOrigin(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && loopbackName(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
