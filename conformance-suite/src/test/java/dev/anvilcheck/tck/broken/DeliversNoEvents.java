package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.BrowserCaller;
import java.util.function.Consumer;

/** Breaks MISC-05: a browser's event handlers are never called, whatever server code raises. */
@Breaks(value = "MISC-05", bug = "a browser's event handlers are never called")
public final class DeliversNoEvents extends DelegatingProvider {
    @Override
    protected void addEventHandler(BrowserCaller browser, String eventName, Consumer<Object> handler) {
        browser.addEventHandler(eventName, payload -> { });
    }
}
