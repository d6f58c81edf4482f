package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks HTTP-23: a form body is decoded as UTF-8 whatever charset its {@code Content-Type} names,
 * as a runtime that ignored the parameter would (the request reaches the reference runtime
 * without it). In memory only: over the socket the request arrives whole.
 */
@Breaks(value = "HTTP-23", bug = "form bodies decoded as UTF-8 whatever their charset")
public final class FormBodiesAlwaysUtf8 extends DelegatingProvider {
    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        String type = request.header("content-type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded;")) {
            return sender.send(request);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("content-type"));
        headers.put("content-type", List.of("application/x-www-form-urlencoded"));
        return sender.send(new RawHttpRequest(request.method(), request.target(), headers, request.body()));
    }
}
