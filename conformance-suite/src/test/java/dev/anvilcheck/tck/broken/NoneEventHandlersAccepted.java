package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.BrowserCaller;
import java.util.function.Consumer;

/**
 * Breaks MISC-05: {@code add_event_handler} accepts {@code None} as the handler (and ignores it)
 * instead of raising {@code TypeError}.
 */
@Breaks(value = "MISC-05", bug = "a None event handler is accepted")
public final class NoneEventHandlersAccepted extends DelegatingProvider {
    @Override
    protected void addEventHandler(BrowserCaller browser, String eventName, Consumer<Object> handler) {
        if (handler != null) {
            super.addEventHandler(browser, eventName, handler);
        }
    }
}
