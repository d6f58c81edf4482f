package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.BrowserCaller;

/** Breaks MISC-02: {@code is_app_online()} is always true, even when calls fail with AppOfflineError. */
@Breaks(value = "MISC-02", bug = "is_app_online() always true")
public final class AppAlwaysOnline extends DelegatingProvider {
    @Override
    protected boolean isAppOnline(BrowserCaller browser) {
        return true;
    }
}
