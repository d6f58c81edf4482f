package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;

/**
 * An endpoint's path pattern as the platform reads it (HTTP-03, HTTP-04, Q-08, Q-09): every
 * {@code :name} (up to the next {@code /}) becomes a group matching one segment, any run of
 * characters other than {@code /}, including none; the rest of the pattern is a regular
 * expression, and the whole request path must match it. Captured values are percent-decoded as
 * UTF-8; a value whose escapes are malformed is passed as sent, so nothing is lost. The
 * runtime matches request paths with it, and an uplink its endpoints' own paths.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PathPattern {
    private static final Pattern PARAMETER = Pattern.compile(":([^/]*)");

    private final String source;
    private final Pattern regex;
    private final List<String> names;

    private PathPattern(String source, Pattern regex, List<String> names) {
        this.source = source;
        this.regex = regex;
        this.names = names;
    }

    /**
     * Compiles a pattern.
     *
     * @param path the pattern as registered, e.g. {@code /users/:id/history/:item}
     * @return the pattern
     * @throws IllegalArgumentException if the rest of the pattern is not a valid regular expression
     */
    public static PathPattern compile(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(path);
        StringBuilder regex = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(regex, Matcher.quoteReplacement("([^/]*)"));
        }
        m.appendTail(regex);
        try {
            return new PathPattern(path, Pattern.compile(regex.toString()), Collections.unmodifiableList(names));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Endpoint path " + path + " is not a valid pattern: "
                    + e.getDescription(), e);
        }
    }

    /**
     * The pattern as registered.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * The regular expression the pattern stands for, each {@code :name} replaced by
     * {@code ([^/]*)}: what the platform's decorators register after {@code http:},
     * {@code route:} or {@code http-wellknown:} (Uplink protocol §3.1).
     *
     * @return the regular expression
     */
    public String regex() {
        return regex.pattern();
    }

    /**
     * Matches a whole request path (HTTP-04).
     *
     * @param rawPath the path relative to the endpoint origin, still percent-encoded
     * @return the decoded path parameters by name, in pattern order, or {@code null} if the path does
     *     not match
     */
    public Map<String, String> match(String rawPath) {
        Matcher m = regex.matcher(rawPath);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        int groups = Math.min(names.size(), m.groupCount());
        for (int i = 0; i < groups; i++) {
            String raw = m.group(i + 1);
            params.put(names.get(i), raw == null ? "" : Params.decodePathSegment(raw));
        }
        return params;
    }

    @Override
    public String toString() {
        return source;
    }
}
