package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Breaks HTTP-06: a 405 answer lacks its {@code Allow} header. Serves HTTP in memory only (no
 * {@link Feature#HTTP_LOOPBACK}), where the break is.
 */
@Breaks(value = "HTTP-06", bug = "405 without the Allow header")
public final class MethodNotAllowedWithoutAllow extends DelegatingProvider {
    @Override
    public Set<Feature> features() {
        Set<Feature> features = EnumSet.copyOf(super.features());
        features.remove(Feature.HTTP_LOOPBACK);
        return Set.copyOf(features);
    }

    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        RawHttpResponse response = sender.send(request);
        if (response.status() != 405) {
            return response;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.remove("allow");
        return new RawHttpResponse(405, headers, response.body());
    }
}
