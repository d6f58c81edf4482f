package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.Duration;

/**
 * Breaks SESS-12 as this project's runtime once did: {@code reset_session()} throws a live session
 * away as if it had expired, so the browser loses its data and its user (the App Server keeps a
 * live session, {@code runtime/browser_ws.clj}).
 */
@Breaks(value = "SESS-12", bug = "reset_session() always adopts a new, empty session, even when the session is live")
public final class ResetSessionEmptiesALiveSession extends DelegatingProvider {
    private volatile RuntimeUnderTest current;

    @Override
    protected RuntimeUnderTest startReference() {
        current = super.startReference();
        return current;
    }

    @Override
    protected void resetSession(BrowserCaller browser) {
        current.time().advance(Duration.ofMinutes(31)); // the bug: the live session is dropped as if expired
        browser.resetSession();
    }
}
