package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.BrowserCaller;

/** Breaks SESS-12: {@code reset_session()} does nothing, so the browser stays in its expired session. */
@Breaks(value = "SESS-12", bug = "reset_session() does not adopt a new session")
public final class ResetSessionKeepsTheExpiredSession extends DelegatingProvider {
    @Override
    protected void resetSession(BrowserCaller browser) {
        // the bug: the browser keeps its old session
    }
}
