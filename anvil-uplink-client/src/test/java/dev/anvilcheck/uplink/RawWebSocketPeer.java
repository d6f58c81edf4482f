package dev.anvilcheck.uplink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: the server end of one WebSocket (RFC 6455) on a loopback socket, written by hand so
 * that a test decides what reaches the client and when the TCP connection ends: it accepts one
 * client, answers its opening handshake, sends unmasked text frames, and ends its side with a FIN
 * ({@link #endOutput()}) without a Close frame, as a server process that dies or a cut network
 * path does.
 */
final class RawWebSocketPeer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

    private final ServerSocket server;
    private Socket socket;

    RawWebSocketPeer() throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** The URL a client connects to. */
    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/_/uplink");
    }

    /**
     * Accepts the client and answers its opening handshake; a client's {@code open} returns once
     * this has run, so a test runs it on another thread.
     */
    void accept() throws IOException {
        socket = server.accept();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed during the handshake");
            }
            request.write(b);
        }
        Matcher key = KEY.matcher(request.toString(StandardCharsets.ISO_8859_1));
        if (!key.find()) {
            throw new IOException("no Sec-WebSocket-Key in " + request);
        }
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key.group(1)) + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code text} as one unmasked, final text frame. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        frame.write(payload);
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Ends this side of the TCP connection (a FIN), without a WebSocket Close frame. */
    void endOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
