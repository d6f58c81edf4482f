package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.BrowserCaller;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Breaks SESS-12: the session a browser adopts with {@code reset_session()} is not connected to
 * the browser's page, so events raised to it never reach the handlers the page registered.
 */
@Breaks(value = "SESS-12", bug = "events raised to the session adopted by reset_session() are lost")
public final class ResetSessionLeavesEventsBehind extends DelegatingProvider {
    private final Set<BrowserCaller> reset = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    protected void resetSession(BrowserCaller browser) {
        super.resetSession(browser);
        reset.add(browser);
    }

    @Override
    protected void addEventHandler(BrowserCaller browser, String eventName, Consumer<Object> handler) {
        super.addEventHandler(browser, eventName, handler == null ? null : payload -> {
            if (!reset.contains(browser)) {
                handler.accept(payload);
            }
        });
    }
}
