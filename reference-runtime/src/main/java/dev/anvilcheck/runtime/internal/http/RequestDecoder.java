package dev.anvilcheck.runtime.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's HTTP/1.1 request decoder, with the limits of {@code HttpServerCodec}'s (request line
 * 4096, headers 8192 bytes), telling its connection two things the decoded messages do not show:
 * when the first byte of a request arrives (the request-head timeout runs from then), and when a
 * request carries both {@code Transfer-Encoding} and {@code Content-Length}, after whose response
 * the connection must close (RFC 9112 §6.1, as {@code HttpServerCodec} does). The decoder is a
 * plain {@link HttpRequestDecoder} so that the WebSocket handshake finds and replaces it.
 */
final class RequestDecoder extends HttpRequestDecoder {
    /** Told by the decoder, on the connection's event loop. */
    interface Listener {
        /** The first byte of a request (or of what will turn out not to be one) arrived. */
        void requestBegun();

        /** The request being decoded smuggles a second framing: close after answering it. */
        void closeAfterThisRequest();
    }

    private final Listener listener;
    private boolean betweenRequests = true;

    RequestDecoder(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (betweenRequests && buffer.isReadable()) {
            betweenRequests = false;
            listener.requestBegun();
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof LastHttpContent) {
                betweenRequests = true;
            }
        }
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        super.handleTransferEncodingChunkedWithContentLength(message);
        listener.closeAfterThisRequest();
    }
}
