package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.users.Users;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Probe functions and constants shared by the clause tests. */
final class Probes {
    /** The frame types CTX-06 calls trusted. */
    static final Set<String> TRUSTED = Set.of("server_module", "uplink", "background_task");
    /** A logged-in user value, as tests log it in with {@link Caller#user(Object)}. */
    static final Map<String, Object> USER = Map.of("email", "ada@example.com", "role", "admin");
    /** Every caller kind. */
    static final List<CallerKind> ALL_KINDS = List.of(CallerKind.values());

    private Probes() {}

    /** What a probe function saw in one call. */
    record Seen(CallContext context, Object user, String sessionId, Arguments args) {}

    /**
     * Registers a function that records what it saw and returns {@code result}.
     *
     * @param rt the runtime
     * @param name the name
     * @param result what the function returns
     * @return the recorder
     */
    static Recorder recorder(RuntimeUnderTest rt, String name, Object result) {
        Recorder recorder = new Recorder(result);
        rt.register(name, recorder);
        return recorder;
    }

    /** A probe function that records every call. */
    static final class Recorder implements ServerFunction {
        private final List<Seen> calls = new CopyOnWriteArrayList<>();
        private final Object result;

        Recorder(Object result) {
            this.result = result;
        }

        @Override
        public Object invoke(Arguments arguments) {
            String sessionId;
            try {
                sessionId = AnvilServer.session().sessionId();
            } catch (RuntimeException e) {
                sessionId = "<session() raised " + e.getClass().getSimpleName() + ">";
            }
            calls.add(new Seen(AnvilServer.context(), Users.getUser(), sessionId, arguments));
            return result;
        }

        /** @return how many times the function ran */
        int count() {
            return calls.size();
        }

        /** @return what the last call saw, or {@code null} */
        Seen last() {
            return calls.isEmpty() ? null : calls.get(calls.size() - 1);
        }
    }

    /**
     * Calls {@code function} through {@code caller}, expecting a normal return and the recorder to
     * have run, and returns what it saw.
     *
     * @param clause the clause checked
     * @param caller the caller
     * @param recorder the recorder registered as {@code function}
     * @param function the function
     * @param args the arguments
     * @return what the function saw
     */
    static Seen see(String clause, Caller caller, Recorder recorder, String function, Object... args) {
        int before = recorder.count();
        dev.anvilcheck.tck.Expect.returns(clause, caller, function, () -> caller.call(function, args));
        dev.anvilcheck.tck.Expect.that(clause, caller, function, recorder.count() == before + 1,
                "the function to run once", "it ran " + (recorder.count() - before) + " times");
        return recorder.last();
    }
}
