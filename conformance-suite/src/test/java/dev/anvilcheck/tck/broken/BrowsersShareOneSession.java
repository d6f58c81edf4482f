package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** Breaks SESS-01: every browser window of a runtime shares one session. */
@Breaks(value = "SESS-01", bug = "session shared between two browsers")
public final class BrowsersShareOneSession extends DelegatingProvider {
    private final Map<RuntimeUnderTest, Caller> first = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    protected Caller caller(RuntimeUnderTest rt, CallerKind kind) {
        return kind == CallerKind.BROWSER ? first.computeIfAbsent(rt, r -> r.caller(kind)) : rt.caller(kind);
    }
}
