package dev.anvilcheck.soak.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Abuses the HTTP listener over raw sockets, one scenario per connection, drawn from a seeded
 * random: valid requests (one, several on one connection), malformed request lines, huge headers,
 * bad {@code Content-Length}, chunked garbage, pipelined requests (whose responses must come back
 * in order), a half-close after a request (which must still be answered), a big body, bad
 * WebSocket upgrades, {@code Expect: 100-continue}, and slowloris (a request held unfinished for
 * seconds). What the server answered is counted per scenario and outcome; pipelined responses out
 * of order and half-closed requests left unanswered fail the run. Each connection comes from its
 * own 127.200.x.y address.
 *
 * @since 0.1
 */
public final class HttpAbuse {
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
    private static final Pattern N = Pattern.compile("\"n\":\"?(\\d+)");
    private static final String[] SCENARIOS = {
        "valid-get", "valid-post", "valid-keepalive", "malformed-request-line", "huge-header", "many-headers",
        "bad-content-length", "chunked-garbage", "pipelined", "half-close", "big-body", "bad-upgrade",
        "expect-continue", "odd-header", "not-found", "body-over-limit"
    };

    private final InetSocketAddress server;
    private final RunControl control;
    private final Tally requests;
    private final Tally outcomes;
    private final AtomicLong index = new AtomicLong();
    private final int timeoutMillis;
    private final java.util.List<String> unanswered = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param server the serve process's address
     * @param control when to stop
     * @param requests counts requests by scenario
     * @param outcomes counts outcomes by scenario (status class, no answer, closed, out of order)
     * @param timeoutMillis how long to wait for an answer
     * @since 0.1
     */
    public HttpAbuse(InetSocketAddress server, RunControl control, Tally requests, Tally outcomes, int timeoutMillis) {
        this.server = server;
        this.control = control;
        this.requests = requests;
        this.outcomes = outcomes;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Runs scenarios one after another until the run stops.
     *
     * @param random this worker's seeded random
     * @since 0.1
     */
    public void work(Random random) {
        while (!control.done()) {
            String scenario = SCENARIOS[random.nextInt(SCENARIOS.length)];
            try {
                run(scenario, random);
            } catch (IOException e) {
                outcomes.add(scenario + ":io-" + e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Holds unfinished requests (slowloris) until the run stops: a request line and a header, then
     * one more header line a second for 3 to 10 seconds, then either the end of the request (which
     * must be answered) or the close.
     *
     * @param random this worker's seeded random
     * @since 0.1
     */
    public void slowloris(Random random) {
        while (!control.done()) {
            try (Socket s = socket()) {
                requests.add("slowloris");
                OutputStream out = s.getOutputStream();
                boolean body = random.nextBoolean();
                out.write(ascii(body ? "POST /_/api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n"
                        : "GET /_/api/echo?n=1 HTTP/1.1\r\nHost: x\r\n"));
                int seconds = 3 + random.nextInt(8);
                for (int i = 0; i < seconds && !control.done(); i++) {
                    Thread.sleep(1000);
                    out.write(ascii(body ? "x" : "X-Slow-" + i + ": y\r\n"));
                }
                outcomes.add("slowloris:held");
                if (random.nextBoolean() && !control.done()) {
                    out.write(ascii(body ? "x".repeat(20 - Math.min(20, seconds)) : "Connection: close\r\n\r\n"));
                    outcomes.add("slowloris:" + status(readResponse(s.getInputStream())));
                }
            } catch (IOException e) {
                outcomes.add("slowloris:io-" + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(String scenario, Random r) throws IOException {
        try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            switch (scenario) {
                case "valid-get" -> exchange(scenario, s, get("/_/api/echo?n=1", true));
                case "valid-post" -> exchange(scenario, s, ascii("POST /_/api/echo?n=1 HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 5\r\nConnection: close\r\n\r\nhello"));
                case "valid-keepalive" -> {
                    for (int i = 0; i < 3; i++) {
                        requests.add(scenario);
                        out.write(get("/_/api/echo?n=" + i, i == 2));
                        String status = status(readResponse(in));
                        outcomes.add(scenario + ":" + status);
                        if (!status.startsWith("2")) {
                            break;
                        }
                    }
                }
                case "malformed-request-line" -> {
                    String line = switch (r.nextInt(8)) {
                        case 0 -> "GARBAGE\r\n\r\n";
                        case 1 -> "GET\r\n\r\n";
                        case 2 -> "GET /_/api/echo HTTP/9.9\r\n\r\n";
                        case 3 -> "GET /_/api/echo HTTP/1.1 extra\r\n\r\n";
                        case 4 -> "\r\n\r\n\r\n";
                        case 5 -> "GET /" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
                        case 6 -> "G\u00c9T /_/api/echo HTTP/1.1\r\n\r\n";
                        default -> new String(randomBytes(r, 64), StandardCharsets.ISO_8859_1) + "\r\n\r\n";
                    };
                    exchange(scenario, s, line.getBytes(StandardCharsets.ISO_8859_1));
                }
                case "huge-header" -> exchange(scenario, s, ascii("GET /_/api/echo HTTP/1.1\r\nHost: x\r\nX-Big: "
                        + "b".repeat(16_384 + r.nextInt(200_000)) + "\r\nConnection: close\r\n\r\n"));
                case "many-headers" -> {
                    StringBuilder b = new StringBuilder("GET /_/api/echo HTTP/1.1\r\nHost: x\r\n");
                    for (int i = 0; i < 2000 + r.nextInt(8000); i++) {
                        b.append("X-H").append(i).append(": v\r\n");
                    }
                    exchange(scenario, s, ascii(b.append("Connection: close\r\n\r\n").toString()));
                }
                case "bad-content-length" -> {
                    String cl = switch (r.nextInt(6)) {
                        case 0 -> "Content-Length: -1\r\n";
                        case 1 -> "Content-Length: abc\r\n";
                        case 2 -> "Content-Length: 99999999999999999999\r\n";
                        case 3 -> "Content-Length: 5\r\nContent-Length: 7\r\n";
                        case 4 -> "Content-Length: 1 0\r\n";
                        default -> "Content-Length: 100\r\n";
                    };
                    out.write(ascii("POST /_/api/echo HTTP/1.1\r\nHost: x\r\n" + cl + "Connection: close\r\n\r\nshort"));
                    requests.add(scenario);
                    if (r.nextBoolean()) {
                        s.shutdownOutput();
                    }
                    outcomes.add(scenario + ":" + status(readResponse(in)));
                }
                case "chunked-garbage" -> {
                    String body = switch (r.nextInt(6)) {
                        case 0 -> "zz\r\nhello\r\n0\r\n\r\n";
                        case 1 -> "ffffffffffffffff\r\nab\r\n";
                        case 2 -> "5\r\nhelloXX0\r\n\r\n";
                        case 3 -> "5;ext=\u0000\r\nhello\r\n0\r\n\r\n";
                        case 4 -> "-5\r\nhello\r\n0\r\n\r\n";
                        default -> "3\r\nabc\r\n";
                    };
                    String te = r.nextBoolean() ? "Transfer-Encoding: chunked\r\n"
                            : "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n";
                    out.write(("POST /_/api/echo HTTP/1.1\r\nHost: x\r\n" + te + "Connection: close\r\n\r\n" + body)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    requests.add(scenario);
                    if (r.nextBoolean()) {
                        s.shutdownOutput();
                    }
                    outcomes.add(scenario + ":" + status(readResponse(in)));
                }
                case "pipelined" -> pipelined(s, r);
                case "half-close" -> {
                    requests.add(scenario);
                    out.write(get("/_/api/echo?n=1", r.nextBoolean()));
                    s.shutdownOutput();
                    String status = status(readResponse(in));
                    outcomes.add(scenario + ":" + (status.equals("none") || status.equals("closed") ? "no-reply"
                            : status));
                }
                case "big-body" -> {
                    int size = (1 + r.nextInt(8)) * 1024 * 1024;
                    requests.add(scenario);
                    out.write(ascii("POST /_/api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n"));
                    byte[] chunk = new byte[65_536];
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk, 0, Math.min(chunk.length, size - sent));
                    }
                    outcomes.add(scenario + ":" + status(readResponse(in)));
                }
                case "body-over-limit" -> exchange(scenario, s, ascii("POST /_/api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 300000000\r\n\r\nabc"));
                case "bad-upgrade" -> {
                    String req = switch (r.nextInt(4)) {
                        case 0 -> "GET /_/uplink HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n";
                        case 1 -> "GET /_/uplink HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Version: 13\r\n\r\n";
                        case 2 -> "POST /_/uplink HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Content-Length: 0\r\n\r\n";
                        default -> "GET /_/uplink/x?y HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: !!\r\n\r\n";
                    };
                    exchange(scenario, s, ascii(req));
                }
                case "expect-continue" -> exchange(scenario, s, ascii("POST /_/api/echo HTTP/1.1\r\nHost: x\r\n"
                        + "Expect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"));
                case "odd-header" -> {
                    String h = switch (r.nextInt(4)) {
                        case 0 -> "X-Nul: a\u0000b\r\n";
                        case 1 -> "X-Fold: a\r\n  folded\r\n";
                        case 2 -> "NoColon\r\n";
                        default -> ": empty-name\r\n";
                    };
                    exchange(scenario, s, ("GET /_/api/echo HTTP/1.1\r\nHost: x\r\n" + h + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
                default -> exchange(scenario, s, get(switch (r.nextInt(4)) {
                    case 0 -> "/_/other";
                    case 1 -> "/.well-known/x";
                    case 2 -> "/_/api/%zz";
                    default -> "/x?a=%ff&b";
                }, true));
            }
        }
    }

    /** N requests in one write; the responses must come back in the order of the requests. */
    private void pipelined(Socket s, Random r) throws IOException {
        int n = 2 + r.nextInt(7);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            all.write(get("/_/api/echo?n=" + i, i == n - 1));
        }
        requests.add("pipelined", n);
        s.getOutputStream().write(all.toByteArray());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String response = readResponse(s.getInputStream());
            String status = status(response);
            outcomes.add("pipelined:" + status);
            if (!status.startsWith("2")) {
                break;
            }
            Matcher m = N.matcher(response);
            order.add(m.find() ? Integer.parseInt(m.group(1)) : -1);
        }
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != i) {
                outcomes.add("pipelined:out-of-order");
                break;
            }
        }
    }

    private void exchange(String scenario, Socket s, byte[] request) throws IOException {
        requests.add(scenario);
        try {
            s.getOutputStream().write(request);
        } catch (IOException e) {
            outcomes.add(scenario + ":closed-while-sending");
            return;
        }
        String status = status(readResponse(s.getInputStream()));
        outcomes.add(scenario + ":" + status);
        if (status.equals("none") && unanswered.size() < 20) {
            unanswered.add(java.time.Instant.now() + " " + scenario + " from " + s.getLocalSocketAddress()
                    + ": no answer within " + timeoutMillis + " ms to " + new String(request, 0,
                    Math.min(120, request.length), StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n"));
        }
    }

    /**
     * The first requests that got no answer at all within the timeout, with when and from where.
     *
     * @return up to 20 lines
     * @since 0.1
     */
    public java.util.List<String> unanswered() {
        synchronized (unanswered) {
            return java.util.List.copyOf(unanswered);
        }
    }

    private Socket socket() throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(Loopback.http(index.incrementAndGet()), 0));
            s.connect(server, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * One response read: head and body (by its {@code Content-Length}); "" if the server closed
     * first, {@code null} if nothing came within the timeout.
     */
    private static String readResponse(InputStream in) throws IOException {
        String head;
        try {
            head = RawWebSocket.readHead(in);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (java.io.EOFException | java.net.SocketException e) {
            return "";
        }
        Matcher m = LENGTH.matcher(head);
        if (m.find()) {
            long len = Long.parseLong(m.group(1));
            byte[] body = in.readNBytes((int) Math.min(len, 1 << 20));
            in.skipNBytes(Math.max(0, len - body.length));
            return head + new String(body, StandardCharsets.ISO_8859_1);
        }
        return head;
    }

    private static String status(String response) {
        if (response == null) {
            return "none";
        }
        if (response.isEmpty()) {
            return "closed";
        }
        Matcher m = STATUS.matcher(response);
        return m.find() ? m.group(1) : "unparsed";
    }

    private static byte[] get(String target, boolean close) {
        return ascii("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "")
                + "\r\n");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /**
     * @return the connections opened so far
     * @since 0.1
     */
    public long connections() {
        return index.get();
    }

    /**
     * A plain GET of the endpoint, as the liveness probe sends it: whether it answered 200 within
     * the timeout.
     *
     * @param server the serve process's address
     * @param timeoutMillis how long to wait
     * @return whether the server answered
     * @since 0.1
     */
    public static boolean probe(InetSocketAddress server, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(server, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(get("/_/api/echo?n=0", true));
            String response = readResponse(s.getInputStream());
            return "200".equals(status(response));
        } catch (IOException e) {
            return false;
        }
    }
}
