package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Breaks CTX-04: the session cookie is looked for anywhere in the {@code Cookie} header, as a
 * search for {@code anvil-session=([^;]*)} would, so that a cookie whose name merely ends with
 * the session cookie's name runs the request in the browser's session. In memory only.
 */
@Breaks(value = "CTX-04", bug = "the session cookie found inside another cookie's name")
public final class SessionCookieMatchedInsideOtherNames extends DelegatingProvider {
    private static final Pattern SEARCH = Pattern.compile("anvil-session=([^;]*)");

    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        String cookies = request.header("cookie");
        Matcher m = cookies == null ? null : SEARCH.matcher(cookies);
        if (m == null || !m.find() || m.start() == 0 || " ;".indexOf(cookies.charAt(m.start() - 1)) >= 0) {
            return sender.send(request); // no session cookie, or found where it is (the bug makes no difference)
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("cookie"));
        headers.put("cookie", List.of(cookies + "; anvil-session=" + m.group(1)));
        return sender.send(new RawHttpRequest(request.method(), request.target(), headers, request.body()));
    }
}
