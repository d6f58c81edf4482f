package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What crosses between Netty's HTTP messages and the runtime's: a request head as the endpoint
 * dispatch reads it (header names in lower case, every value of a repeated header, the target as
 * sent), a response as Netty writes it, and a peer's address as {@code request.remote_address}
 * shows it (HTTP-06). Apart from {@link HttpConnection}, whose connection management no clause
 * states, so that the conformance suite's mutation run keeps these in its reach.
 */
final class NettyMessages {
    private NettyMessages() {}

    /** The request head as the endpoint dispatch reads it, without its body. */
    static RawHttpRequest toRaw(HttpRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        String target = request.uri().startsWith("/") ? request.uri() : "/" + request.uri();
        return new RawHttpRequest(request.method().name(), target, headers, null);
    }

    /** The response as Netty writes it; to a HEAD request, the headers only (its length stays). */
    static FullHttpResponse toNetty(RawHttpResponse response, boolean keepAlive, boolean headOnly) {
        byte[] bytes = response.body();
        ByteBuf content = headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), content);
        response.headers().forEach((name, values) -> out.headers().add(name, values));
        out.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return keepAlive(out, keepAlive);
    }

    /** @return {@code out}, saying whether the connection stays open after it */
    @OutsideTheSpecification("HTTP/1.1 connection management (keep-alive or close), which no clause speaks of")
    private static FullHttpResponse keepAlive(FullHttpResponse out, boolean keepAlive) {
        HttpUtil.setKeepAlive(out, keepAlive);
        return out;
    }

    /** A peer's address: its IP address as text, or the address's own text when it has none. */
    static String remoteAddress(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
