package dev.anvilcheck.tck.broken;

import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.TimeControl;
import dev.anvilcheck.spi.UplinkCaller;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * A runtime that behaves as the reference runtime, except where a subclass breaks one clause on
 * purpose (STYLE 4): subclasses override {@link #register}, {@link #call} or {@link #features()}.
 */
public abstract class DelegatingProvider implements RuntimeProvider {
    private final RuntimeProvider reference = new ReferenceRuntimeProvider();

    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public Set<Feature> features() {
        return reference.features();
    }

    /** Registers a server function in the runtime under test; override to break AUTH or CALL clauses. */
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        rt.register(name, requireUser, body);
    }

    /** Makes a call through a caller; override to break what callers observe. */
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        return caller.call(fnName, arguments);
    }

    @Override
    public RuntimeUnderTest start() {
        RuntimeUnderTest rt = reference.start();
        return new RuntimeUnderTest() {
            @Override
            public void register(String name, RequireUser requireUser, ServerFunction body) {
                DelegatingProvider.this.register(rt, name, requireUser, body);
            }

            @Override
            public Caller caller(CallerKind kind) {
                return new WrappedCaller(rt.caller(kind));
            }

            @Override
            public void registerPortableClass(Class<?> type, String name) {
                rt.registerPortableClass(type, name);
            }

            @Override
            public UplinkCaller uplink() {
                return rt.uplink();
            }

            @Override
            public ZoneId serverZone() {
                return rt.serverZone();
            }

            @Override
            public Duration callTimeout() {
                return rt.callTimeout();
            }

            @Override
            public TimeControl time() {
                return rt.time();
            }

            @Override
            public Faults faults() {
                return rt.faults();
            }

            @Override
            public void close() {
                rt.close();
            }
        };
    }

    private final class WrappedCaller implements BrowserCaller {
        private final Caller delegate;

        WrappedCaller(Caller delegate) {
            this.delegate = delegate;
        }

        private BrowserCaller browser() {
            return (BrowserCaller) delegate;
        }

        @Override
        public CallerKind kind() {
            return delegate.kind();
        }

        @Override
        public Object call(String fnName, Arguments arguments) {
            return DelegatingProvider.this.call(delegate, fnName, arguments);
        }

        @Override
        public Caller user(Object user) {
            delegate.user(user);
            return this;
        }

        @Override
        public Caller ip(String ip) {
            delegate.ip(ip);
            return this;
        }

        @Override
        public Caller location(Location location) {
            delegate.location(location);
            return this;
        }

        @Override
        public Caller zone(ZoneId zone) {
            delegate.zone(zone);
            return this;
        }

        @Override
        public ZoneId zone() {
            return delegate.zone();
        }

        @Override
        public void putSession(String key, Object value) {
            delegate.putSession(key, value);
        }

        @Override
        public Map<String, Object> sessionData() {
            return delegate.sessionData();
        }

        @Override
        public String sessionId() {
            return delegate.sessionId();
        }

        @Override
        public CallContext context() {
            return delegate.context();
        }

        @Override
        public Caller registerPortableClass(Class<?> type, String name) {
            delegate.registerPortableClass(type, name);
            return this;
        }

        @Override
        public Object callServerMethod(Object self, String method, Arguments arguments) {
            return delegate.callServerMethod(self, method, arguments);
        }

        @Override
        public Object callS(String fnName, Arguments arguments) {
            return browser().callS(fnName, arguments);
        }

        @Override
        public void resetSession() {
            browser().resetSession();
        }

        @Override
        public boolean isAppOnline() {
            return browser().isAppOnline();
        }

        @Override
        public int loadingIndicatorCount() {
            return browser().loadingIndicatorCount();
        }

        @Override
        public AutoCloseable noLoadingIndicator() {
            return browser().noLoadingIndicator();
        }
    }
}
