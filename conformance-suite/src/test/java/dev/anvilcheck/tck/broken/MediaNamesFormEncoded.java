package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Breaks HTTP-12 as this project's runtime once did: the name in a Media response's
 * {@code Content-Disposition} is encoded with {@link URLEncoder}, the encoding of HTML forms, which
 * writes a space as {@code +}, keeps {@code *} and encodes {@code ~}, where the App Server's URL
 * encoder writes {@code %20}, {@code %2A} and {@code ~}.
 */
@Breaks(value = "HTTP-12", bug = "Media names in Content-Disposition form-encoded (a space as +)")
public final class MediaNamesFormEncoded extends HttpResponseRewriting {
    private static final Pattern INLINE = Pattern.compile("inline; filename=\"(.*)\"");

    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        String disposition = response.header("content-disposition");
        Matcher m = disposition == null ? null : INLINE.matcher(disposition);
        if (m == null || !m.matches()) {
            return response;
        }
        String name = URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        return withHeader(response, "content-disposition",
                "inline; filename=\"" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "\"");
    }
}
