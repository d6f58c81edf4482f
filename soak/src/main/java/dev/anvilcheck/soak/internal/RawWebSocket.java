package dev.anvilcheck.soak.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket client on a plain socket (RFC 6455), written for abuse: it sends whatever
 * {@link Frame} it is given, well-formed (masked, optionally fragmented) or raw bytes, from a
 * source address of the loopback range that names the connection in the server's log. A daemon
 * reader drains what the server sends, so the server never waits for it, and hands the ids of the
 * CALLs the server makes to a listener. Closing ends it with a close frame, a FIN or a reset.
 *
 * @since 0.1
 */
public final class RawWebSocket implements Closeable {
    private static final Pattern CALL_ID = Pattern.compile(
            "\"type\":\"(?:CALL|LAUNCH_BACKGROUND)\".*?\"id\":\"([^\"]{1,80})\"|\"id\":\"([^\"]{1,80})\"[^{}]*\"type\":\"(?:CALL|LAUNCH_BACKGROUND)\"");

    private final Socket socket;
    private final OutputStream out;
    private final Random random;
    private volatile boolean serverClosed;
    private Thread reader;

    private RawWebSocket(Socket socket, Random random) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.random = random;
    }

    /**
     * Opens a TCP connection from {@code source} to {@code server} and performs the WebSocket
     * upgrade of {@code path}.
     *
     * @param server the server's address
     * @param source the local address to bind (a loopback address), or {@code null}
     * @param path the request target, e.g. {@code /_/uplink}
     * @param random the source of masks and of the handshake key
     * @param timeoutMillis how long connecting and the upgrade may take
     * @return the socket, upgraded; {@code null} if the server did not answer 101
     * @throws IOException if the connection fails
     * @since 0.1
     */
    public static RawWebSocket open(InetSocketAddress server, InetAddress source, String path, Random random,
            int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            if (source != null) {
                s.bind(new InetSocketAddress(source, 0));
            }
            s.connect(server, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            byte[] key = new byte[16];
            random.nextBytes(key);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\nOrigin: ws://"
                    + server.getHostString() + "\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String head = readHead(s.getInputStream());
            if (!head.startsWith("HTTP/1.1 101")) {
                s.close();
                return null;
            }
            s.setSoTimeout(0);
            return new RawWebSocket(s, random);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The response's status line and headers, up to the blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed before the end of its response head");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : b == '\r' ? 1 : 0;
            if (head.size() > 65_536) {
                throw new IOException("response head over 64 KiB");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Starts the reader, which drains the server's frames until the socket closes.
     *
     * @param serverCalls receives the id of every CALL the server sends
     * @param name the reader thread's name
     * @since 0.1
     */
    public void startReader(Consumer<String> serverCalls, String name) {
        reader = new Thread(() -> drain(serverCalls), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void drain(Consumer<String> serverCalls) {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                if ((b1 & 0x80) != 0) {
                    in.readInt();
                }
                int opcode = b0 & 0x0f;
                if (opcode == 1 && len <= 1 << 20) {
                    byte[] payload = new byte[(int) len];
                    in.readFully(payload);
                    if (len < 65_536) {
                        Matcher m = CALL_ID.matcher(new String(payload, StandardCharsets.ISO_8859_1));
                        if (m.find()) {
                            serverCalls.accept(m.group(1) != null ? m.group(1) : m.group(2));
                        }
                    }
                } else {
                    in.skipNBytes(len);
                }
                if (opcode == 8) {
                    serverClosed = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            serverClosed = true;
        }
    }

    /**
     * Whether the server closed the connection (a close frame, or the end of the stream).
     *
     * @return whether it did
     * @since 0.1
     */
    public boolean serverClosed() {
        return serverClosed;
    }

    /**
     * Sends {@code frame}: a text or binary message as one masked frame or as fragments, a ping, or
     * raw bytes.
     *
     * @param frame the frame
     * @throws IOException if the socket is closed
     * @since 0.1
     */
    public void send(Frame frame) throws IOException {
        byte[] p = frame.payload();
        switch (frame.kind()) {
            case RAW -> out.write(p);
            case PING -> out.write(encode(0x89, p, random.nextInt()));
            case TEXT, BINARY -> {
                int opcode = frame.kind() == Frame.Kind.TEXT ? 1 : 2;
                int n = Math.max(1, Math.min(frame.fragments(), p.length));
                if (n == 1) {
                    out.write(encode(0x80 | opcode, p, random.nextInt()));
                } else {
                    int step = p.length / n;
                    for (int i = 0; i < n; i++) {
                        int from = i * step;
                        int to = i == n - 1 ? p.length : from + step;
                        byte[] part = java.util.Arrays.copyOfRange(p, from, to);
                        int b0 = (i == n - 1 ? 0x80 : 0) | (i == 0 ? opcode : 0);
                        out.write(encode(b0, part, random.nextInt()));
                    }
                }
            }
            default -> throw new IllegalArgumentException(String.valueOf(frame.kind()));
        }
    }

    /**
     * One WebSocket frame on the wire: the first byte as given, the payload length, the mask when
     * {@code mask} is not {@code null}, and the payload (masked with it).
     *
     * @param b0 FIN, RSV and opcode bits
     * @param payload the payload
     * @param mask the masking key, or {@code null} for an unmasked frame (a violation from a client)
     * @return the bytes
     * @since 0.1
     */
    public static byte[] encode(int b0, byte[] payload, Integer mask) {
        int len = payload.length;
        int header = 2 + (len < 126 ? 0 : len < 65_536 ? 2 : 8) + (mask == null ? 0 : 4);
        byte[] out = new byte[header + len];
        out[0] = (byte) b0;
        int i = 1;
        int maskBit = mask == null ? 0 : 0x80;
        if (len < 126) {
            out[i++] = (byte) (maskBit | len);
        } else if (len < 65_536) {
            out[i++] = (byte) (maskBit | 126);
            out[i++] = (byte) (len >>> 8);
            out[i++] = (byte) len;
        } else {
            out[i++] = (byte) (maskBit | 127);
            long l = len;
            for (int s = 56; s >= 0; s -= 8) {
                out[i++] = (byte) (l >>> s);
            }
        }
        if (mask == null) {
            System.arraycopy(payload, 0, out, i, len);
            return out;
        }
        byte[] m = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) (int) mask};
        System.arraycopy(m, 0, out, i, 4);
        i += 4;
        for (int j = 0; j < len; j++) {
            out[i + j] = (byte) (payload[j] ^ m[j & 3]);
        }
        return out;
    }

    /**
     * Ends the connection as the harness chose: a close frame then the close, a plain close (FIN),
     * or a reset (SO_LINGER 0). Never throws.
     *
     * @param ending how
     * @since 0.1
     */
    public void end(FrameGenerator.Ending ending) {
        try {
            switch (ending) {
                case CLOSE_FRAME -> {
                    try {
                        out.write(encode(0x88, new byte[] {0x03, (byte) 0xE8}, random.nextInt()));
                    } catch (IOException ignored) {
                        // already closed by the server
                    }
                    socket.close();
                }
                case RESET -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                default -> socket.close();
            }
        } catch (IOException | RuntimeException ignored) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /**
     * Closes the socket at once (a FIN); the reader ends.
     *
     * @since 0.1
     */
    @Override
    public void close() {
        closeQuietly();
    }
}
