package dev.anvilcheck.tck.broken;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.ReferenceRuntimeAdapter;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaks SESS-10: an HTTP request served in a browser's session (it carries the session cookie)
 * does not push the session's expiry forward, as a runtime that touched sessions only on browser
 * calls would. The reference runtime does push it, so a browser's call more than 30 minutes after
 * its previous one, of which an HTTP request in its session kept it alive, is made to find its
 * session expired here.
 */
@Breaks(value = "SESS-10", bug = "an HTTP request in a browser's session does not keep the session alive")
public final class HttpRequestsDoNotKeepSessionsAlive extends DelegatingProvider {
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(30);

    /** One started runtime: the reference runtime itself, and whether an HTTP request carried a session cookie. */
    private static final class Started {
        final AnvilRuntime runtime;
        final Map<Caller, Instant> lastAccess = new ConcurrentHashMap<>();
        volatile boolean httpInASession;

        Started(AnvilRuntime runtime) {
            this.runtime = runtime;
        }
    }

    /** The runtimes this provider started, by the reference runtime's adapter; weakly, as the suite drops them. */
    private final Map<RuntimeUnderTest, Started> started = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    protected RuntimeUnderTest startReference() {
        AnvilRuntime runtime = AnvilRuntime.builder().clock(FakeClock.create()).uplinkKey("s").clientUplinkKey("c")
                .build();
        RuntimeUnderTest rt = ReferenceRuntimeAdapter.adapt(runtime);
        started.put(rt, new Started(runtime));
        return rt;
    }

    @Override
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        String cookie = request.header("cookie");
        if (cookie != null && cookie.contains("anvil-session=")) {
            synchronized (started) {
                started.values().forEach(s -> s.httpInASession = true);
            }
        }
        return sender.send(request);
    }

    @Override
    protected Object call(RuntimeUnderTest rt, Caller caller, String fnName, Arguments arguments) {
        Started s = started.get(rt);
        if (s != null && caller instanceof SimulatedBrowser browser) {
            Instant now = rt.time().now();
            Instant last = s.lastAccess.put(caller, now);
            if (s.httpInASession && last != null && Duration.between(last, now).compareTo(IDLE_LIMIT) > 0) {
                s.runtime.faults().expireSession(browser);
            }
        }
        return super.call(rt, caller, fnName, arguments);
    }

    @Override
    protected void resetSession(BrowserCaller browser) {
        browser.resetSession();
        synchronized (started) {
            started.values().forEach(s -> s.lastAccess.remove(browser));
        }
    }
}
