package dev.anvilcheck.tck.clauses;

import static dev.anvilcheck.server.Kwargs.kw;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.AppOfflineError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.UplinkDisconnectedError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.Pending;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.clauses.Probes.Recorder;
import dev.anvilcheck.tck.clauses.Probes.Seen;
import dev.anvilcheck.tck.internal.Describe;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.1, CALL: calling server functions by name.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("CALL: calling server functions")
public class CallVerification {

    // ---------------------------------------------------------------- CALL-01, CALL-02

    @Test
    @DisplayName("[CALL-02] a function name that is not a string (null) raises TypeError in every caller")
    void required_CALL_02_nullNameRaisesTypeErrorInEveryCaller(RuntimeUnderTest rt) {
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, null, IllegalArgumentException.class,
                    () -> caller.call(null, Arguments.none()));
        }
    }

    @Test
    @DisplayName("[CALL-02] server code calling with a null function name gets TypeError")
    void required_CALL_02_nullNameFromServerCodeRaisesTypeError(RuntimeUnderTest rt) {
        AtomicReference<Throwable> raised = new AtomicReference<>();
        rt.register("outer", a -> {
            try {
                return AnvilServer.call(null);
            } catch (RuntimeException e) {
                raised.set(e);
                return null;
            }
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        Expect.raises(CallerKind.SERVER_MODULE, null, IllegalArgumentException.class,
                () -> rethrowOrReturn(raised.get()));
    }

    // ---------------------------------------------------------------- CALL-03, CALL-04

    @Test
    @DisplayName("[CALL-03] positional and keyword arguments arrive as positional and keyword arguments")
    void required_CALL_03_positionalAndKeywordArgumentsArrive(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Seen seen = Probes.see("CALL-03", caller, probe, "probe", "a", 2L, kw("k", "v").and("n", 3L));
            Expect.equal(caller, "probe", "positional arguments", List.of("a", 2L), seen.args().args());
            Expect.equal(caller, "probe", "keyword arguments", Map.of("k", "v", "n", 3L),
                    seen.args().kwargs());
            Seen none = Probes.see("CALL-03", caller, probe, "probe");
            Expect.equal(caller, "probe", "positional arguments", List.of(), none.args().args());
            Expect.equal(caller, "probe", "keyword arguments", Map.of(), none.args().kwargs());
        }
    }

    @Test
    @DisplayName("[CALL-03] server code's call() delivers positional and keyword arguments")
    void required_CALL_03_serverCodeCallDeliversArguments(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        rt.register("outer", a -> AnvilServer.call("probe", 1L, "two", kw("three", 3L)));
        Caller browser = rt.browser();
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        Seen seen = probe.last();
        Expect.that(CallerKind.SERVER_MODULE, "probe", seen != null, "the function to run",
                "it did not run");
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "positional arguments", List.of(1L, "two"),
                seen.args().args());
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "keyword arguments", Map.of("three", 3L),
                seen.args().kwargs());
    }

    @Test
    @DisplayName("[CALL-04] the caller receives the function's return value")
    void required_CALL_04_callerReceivesReturnValue(RuntimeUnderTest rt) {
        rt.register("answer", a -> List.of("forty", 2L, Map.of("ok", true)));
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Object result = Expect.returns(caller, "answer", () -> caller.call("answer"));
            Expect.equal(caller, "answer", "return value", List.of("forty", 2L, Map.of("ok", true)),
                    result);
        }
        rt.register("outer", a -> AnvilServer.call("answer"));
        Caller browser = rt.browser();
        Object nested = Expect.returns(browser, "outer", () -> browser.call("outer"));
        Expect.equal(CallerKind.SERVER_MODULE, "answer", "return value of a call from server code",
                List.of("forty", 2L, Map.of("ok", true)), nested);
    }

    @Test
    @DisplayName("[CALL-04] the call blocks the caller until the function returns")
    void required_CALL_04_callBlocksUntilFunctionReturns(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        AtomicBoolean finished = new AtomicBoolean();
        rt.register("slow", a -> {
            entered.countDown();
            env.await(release, "the test to release the function");
            finished.set(true);
            return "done";
        });
        Caller browser = rt.browser();
        Pending<Object> call = env.startCall(browser, "slow");
        env.await(entered, "the function to start");
        Expect.that(browser, "slow", !call.isDone(), "the call still waiting while the function runs",
                "the call already finished");
        release.countDown();
        Object result = Expect.returns(browser, "slow", call::await);
        Expect.equal(browser, "slow", "return value", "done", result);
        Expect.that(browser, "slow", finished.get(), "the call to return after the function finished",
                "it returned before");
    }

    // ---------------------------------------------------------------- CALL-05, CALL-06

    @Test
    @DisplayName("[CALL-05] calling an unregistered name raises NoServerFunctionError in every caller")
    void required_CALL_05_unknownNameRaisesNoServerFunctionError(RuntimeUnderTest rt) {
        rt.register("present", a -> "here");
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "missing_fn", NoServerFunctionError.class,
                    () -> caller.call("missing_fn"));
        }
    }

    @Test
    @DisplayName("[CALL-05] the NoServerFunctionError message names the function")
    void required_CALL_05_messageNamesTheFunction(RuntimeUnderTest rt) {
        Caller browser = rt.browser();
        NoServerFunctionError e = Expect.raises(browser, "missing_fn", NoServerFunctionError.class,
                () -> browser.call("missing_fn"));
        Expect.equal(browser, "missing_fn", "message",
                "No server function matching \"missing_fn\" has been registered", e.getMessage());
    }

    @Test
    @DisplayName("[CALL-05] server code calling an unregistered name gets NoServerFunctionError")
    void required_CALL_05_unknownNameFromServerCode(RuntimeUnderTest rt) {
        AtomicReference<Throwable> raised = new AtomicReference<>();
        rt.register("outer", a -> {
            try {
                return AnvilServer.call("missing_fn");
            } catch (RuntimeException e) {
                raised.set(e);
                return null;
            }
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        Expect.raises(CallerKind.SERVER_MODULE, "missing_fn", NoServerFunctionError.class,
                () -> rethrowOrReturn(raised.get()));
    }

    // ---------------------------------------------------------------- CALL-06

    /**
     * A server module as an app declares one: two decorated functions (one under its own name, one
     * renamed) and an undecorated one.
     */
    public static final class ModuleProbe {
        /** Creates the module. */
        public ModuleProbe() {}

        /**
         * Decorated, under its own name (CALL-24).
         *
         * @return a marker
         */
        @Callable
        public String decorated() {
            return "decorated ran";
        }

        /**
         * Decorated under another name (CALL-24).
         *
         * @return a marker
         */
        @Callable("renamed_function")
        public String renamedInJava() {
            return "renamed ran";
        }

        /**
         * Not decorated: not callable by name (CALL-06).
         *
         * @return a marker
         */
        public String undecorated() {
            return "undecorated ran";
        }
    }

    @Test
    @DisplayName("[CALL-06] a server module's function without @callable is not callable by name: NoServerFunctionError")
    void required_CALL_06_undecoratedModuleFunctionIsNotCallable(RuntimeUnderTest rt) {
        rt.registerModule(new ModuleProbe());
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.equal(caller, "decorated", "return value of the decorated function", "decorated ran",
                    Expect.returns(caller, "decorated", () -> caller.call("decorated")));
            Expect.raises(caller, "undecorated", NoServerFunctionError.class, () -> caller.call("undecorated"));
        }
    }

    @Test
    @DisplayName("[CALL-24] a decorated function is registered under its own name unless the decorator names another")
    void required_CALL_24_defaultNameIsTheFunctionsName(RuntimeUnderTest rt) {
        rt.registerModule(new ModuleProbe());
        Caller browser = rt.browser();
        Expect.equal(browser, "decorated", "return value under the function's own name", "decorated ran",
                Expect.returns(browser, "decorated", () -> browser.call("decorated")));
        Expect.equal(browser, "renamed_function", "return value under the name the decorator gives", "renamed ran",
                Expect.returns(browser, "renamed_function", () -> browser.call("renamed_function")));
        Expect.raises(browser, "renamedInJava", NoServerFunctionError.class, () -> browser.call("renamedInJava"));
    }

    // ---------------------------------------------------------------- CALL-07, CALL-08

    @Test
    @DisplayName("[CALL-07] an uplink function shadows a same-named server-module function")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_CALL_07_uplinkFunctionShadowsServerFunction(RuntimeUnderTest rt) {
        rt.register("shared", a -> "server module");
        UplinkCaller uplink = rt.uplink();
        uplink.register("shared", a -> "uplink");
        Caller browser = rt.browser();
        Object result = Expect.returns(browser, "shared", () -> browser.call("shared"));
        Expect.equal(browser, "shared", "function that ran", "uplink", result);
    }

    @Test
    @DisplayName("[CALL-07] once the uplink disconnects, the server-module function is reached again")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_CALL_07_serverFunctionReachedAfterUplinkDisconnects(RuntimeUnderTest rt) {
        rt.register("shared", a -> "server module");
        UplinkCaller uplink = rt.uplink();
        uplink.register("shared", a -> "uplink");
        uplink.disconnect();
        Caller browser = rt.browser();
        Object result = Expect.returns(browser, "shared", () -> browser.call("shared"));
        Expect.equal(browser, "shared", "function that ran", "server module", result);
        uplink.register("shared", a -> "uplink, registered while disconnected");
        result = Expect.returns(browser, "shared", () -> browser.call("shared"));
        Expect.equal(browser, "shared", "function that ran after the disconnected uplink registered the name again",
                "server module", result);
    }

    @Test
    @DisplayName("[CALL-08] with several uplinks providing a name, each call runs in exactly one of them")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_CALL_08_eachCallGoesToOneOfSeveralUplinks(RuntimeUnderTest rt) {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        UplinkCaller one = rt.uplink();
        UplinkCaller two = rt.uplink();
        one.register("dup", a -> "one:" + first.incrementAndGet());
        two.register("dup", a -> "two:" + second.incrementAndGet());
        Caller browser = rt.browser();
        Set<Object> results = new HashSet<>();
        int calls = 20;
        for (int i = 1; i <= calls; i++) {
            Object result = Expect.returns(browser, "dup", () -> browser.call("dup"));
            int ran = first.get() + second.get();
            Expect.equal(browser, "dup", "uplink functions run after " + i + " calls", i, ran);
            Expect.that(browser, "dup", results.add(result),
                    "the result of one uplink's function", Describe.returned(result));
        }
    }

    @Test
    @DisplayName("[CALL-08] when one of several uplinks providing a name disconnects, calls go to those still connected")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_CALL_08_callsGoToTheUplinksStillConnected(RuntimeUnderTest rt) {
        AtomicInteger gone = new AtomicInteger();
        UplinkCaller leaving = rt.uplink();
        UplinkCaller staying = rt.uplink();
        leaving.register("dup", a -> "leaving:" + gone.incrementAndGet());
        staying.register("dup", a -> "staying");
        leaving.disconnect();
        Caller browser = rt.browser();
        for (int i = 1; i <= 10; i++) {
            Expect.equal(browser, "dup", "return value of call " + i + " after one of two uplinks disconnected",
                    "staying", Expect.returns(browser, "dup", () -> browser.call("dup")));
        }
        Expect.equal(browser, "dup", "calls that reached the disconnected uplink", 0, gone.get());
        staying.disconnect();
        Expect.raises(browser, "dup", UplinkDisconnectedError.class, () -> browser.call("dup"));
    }

    @Test
    @DisplayName("[CALL-08] an uplink registering a name again replaces its own function only: another uplink"
            + " providing the name keeps serving it, also once the first has left")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_CALL_08_registeringAgainKeepsTheOtherUplinks(RuntimeUnderTest rt) {
        UplinkCaller again = rt.uplink();
        UplinkCaller other = rt.uplink();
        again.register("dup_again", a -> "replaced");
        other.register("dup_again", a -> "other");
        again.register("dup_again", a -> "again");
        Caller browser = rt.browser();
        for (int i = 1; i <= 10; i++) {
            Object result = Expect.returns(browser, "dup_again", () -> browser.call("dup_again"));
            Expect.that(browser, "dup_again", "again".equals(result) || "other".equals(result),
                    "the result of one uplink's current function ('again' or 'other')", Describe.returned(result));
        }
        again.disconnect();
        for (int i = 1; i <= 5; i++) {
            Expect.equal(browser, "dup_again", "return value of call " + i + " after the uplink that registered"
                    + " again left", "other", Expect.returns(browser, "dup_again", () -> browser.call("dup_again")));
        }
    }

    // ---------------------------------------------------------------- CALL-09, CALL-10

    @Test
    @DisplayName("[CALL-09] a plain name matches only itself: no prefix, extension or other case")
    void required_CALL_09_plainNamesMatchExactly(RuntimeUnderTest rt) {
        Recorder report = Probes.recorder(rt, "report", "ran");
        Caller browser = rt.browser();
        for (String near : List.of("repor", "report2", "xreport", "Report", "REPORT")) {
            Expect.raises(browser, near, NoServerFunctionError.class, () -> browser.call(near));
        }
        Expect.equal(browser, "report", "times 'report' ran", 0, report.count());
        Expect.equal(browser, "report", "return value", "ran", browser.call("report"));
    }

    @Test
    @DisplayName("[CALL-09] a registered name with a regex metacharacter: exact or pattern match (Q-09)")
    void optional_CALL_09_metacharacterNamesMatchExactlyOrAsPattern(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Recorder dotted = Probes.recorder(rt, "a.c", "dotted");
        Caller browser = rt.browser();
        Expect.equal(browser, "a.c", "return value", "dotted", browser.call("a.c"));
        Throwable error = null;
        try {
            browser.call("abc");
        } catch (RuntimeException e) {
            error = e;
        }
        if (error == null) {
            Expect.equal(browser, "abc", "times 'a.c' ran", 2, dotted.count());
            env.note("Q-09", "registered names are regular expressions: 'a.c' matched 'abc'");
        } else {
            Throwable raised = error;
            Expect.raises(browser, "abc", NoServerFunctionError.class, () -> {
                throw raised;
            });
            env.note("Q-09", "registered names are exact: 'a.c' did not match 'abc'");
        }
    }

    @Test
    @DisplayName("[CALL-10] registering a name again replaces the earlier function")
    void required_CALL_10_laterRegistrationWins(RuntimeUnderTest rt) {
        rt.register("greet", a -> "first");
        rt.register("greet", a -> "second");
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.SERVER_MODULE, CallerKind.UPLINK)) {
            Caller caller = rt.caller(kind);
            Object result = Expect.returns(caller, "greet", () -> caller.call("greet"));
            Expect.equal(caller, "greet", "return value", "second", result);
        }
    }

    // ---------------------------------------------------------------- CALL-11, CALL-12, CALL-13

    @Test
    @DisplayName("[CALL-11] browser and client-uplink calls to a scoped name (with ':') get PermissionDenied")
    void required_CALL_11_clientCallsToScopedNamesArePermissionDenied(RuntimeUnderTest rt) {
        Recorder scoped = Probes.recorder(rt, "task:probe", "ran");
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.CLIENT_UPLINK)) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "task:probe", PermissionDenied.class, () -> caller.call("task:probe"));
            Expect.raises(caller, "http:/unregistered", PermissionDenied.class,
                    () -> caller.call("http:/unregistered"));
            Expect.equal(caller, "task:probe", "times the function ran", 0, scoped.count());
        }
    }

    @Test
    @DisplayName("[CALL-12] a background task is registered as task:<name> and not callable by its plain name")
    @RequiresFeature(Feature.BACKGROUND_TASKS)
    void optional_CALL_12_backgroundTaskNotCallableByPlainName(RuntimeUnderTest rt) {
        AtomicInteger runs = new AtomicInteger();
        rt.registerBackgroundTask("job", a -> runs.incrementAndGet());
        AtomicReference<Throwable> fromServerCode = new AtomicReference<>();
        rt.register("outer", a -> {
            try {
                return AnvilServer.call("job");
            } catch (RuntimeException e) {
                fromServerCode.set(e);
                return null;
            }
        });
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.SERVER_MODULE, CallerKind.UPLINK)) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "job", NoServerFunctionError.class, () -> caller.call("job"));
        }
        Caller browser = rt.browser();
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        Expect.raises(CallerKind.SERVER_MODULE, "job", NoServerFunctionError.class,
                () -> rethrowOrReturn(fromServerCode.get()));
        Caller trusted = rt.caller(CallerKind.SERVER_MODULE);
        Expect.equal(trusted, "task:job", "call('task:job') from trusted code", 1L,
                Expect.returns(trusted, "task:job", () -> trusted.call("task:job")));
        Expect.equal((CallerKind) null, "job", "times the task's function ran", 1, runs.get());
    }

    @Test
    @DisplayName("[CALL-13] a chain of 10 frames (browser call plus 9 nested calls) is allowed")
    void required_CALL_13_tenFramesAreAllowed(RuntimeUnderTest rt) {
        AtomicInteger deepest = registerDive(rt);
        Caller browser = rt.browser();
        Object result = Expect.returns(browser, "dive", () -> browser.call("dive", 1L, 10L));
        Expect.equal(browser, "dive", "depth reached", 10L, result);
        Expect.equal(browser, "dive", "deepest level that ran", 10, deepest.get());
    }

    @Test
    @DisplayName("[CALL-13] the call that would make an 11th frame is refused as anvil.server.StackOverflow")
    void required_CALL_13_eleventhFrameRaisesStackOverflow(RuntimeUnderTest rt) {
        AtomicInteger deepest = registerDive(rt);
        Caller browser = rt.browser();
        AnvilWrappedError e = Expect.raises(browser, "dive", AnvilWrappedError.class,
                () -> browser.call("dive", 1L, 11L));
        Expect.equal(browser, "dive", "wire type", "anvil.server.StackOverflow", e.wireType());
        Expect.equal(browser, "dive", "deepest level that ran", 10, deepest.get());
    }

    @Test
    @DisplayName("[CALL-13] a background task launched by the 9th frame of a chain runs as the 10th frame")
    @RequiresFeature(Feature.BACKGROUND_TASKS)
    void optional_CALL_13_taskLaunchedAtTheNinthFrameRuns(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicInteger ran = new AtomicInteger();
        AtomicReference<Task> launched = new AtomicReference<>();
        rt.registerBackgroundTask("deep_job", a -> ran.incrementAndGet());
        rt.register("dive_and_launch", a -> {
            long depth = ((Number) a.get(0)).longValue();
            if (depth < 9) {
                return AnvilServer.call("dive_and_launch", depth + 1);
            }
            launched.set(AnvilServer.launchBackgroundTask("deep_job"));
            return depth;
        });
        Caller browser = rt.browser();
        Expect.equal(browser, "dive_and_launch", "depth that launched the task", 9L,
                Expect.returns(browser, "dive_and_launch", () -> browser.call("dive_and_launch", 1L)));
        Task task = env.awaitTask(launched.get(), CallerKind.SERVER_MODULE, "deep_job");
        TaskProbes.expectStatus("CALL-13", "deep_job", task, Task.COMPLETED);
        Expect.equal(CallerKind.SERVER_MODULE, "deep_job", "times the task's function ran", 1, ran.get());
    }

    private static AtomicInteger registerDive(RuntimeUnderTest rt) {
        AtomicInteger deepest = new AtomicInteger();
        rt.register("dive", a -> {
            long depth = ((Number) a.get(0)).longValue();
            long limit = ((Number) a.get(1)).longValue();
            deepest.accumulateAndGet((int) depth, Math::max);
            return depth < limit ? AnvilServer.call("dive", depth + 1, limit) : depth;
        });
        return deepest;
    }

    // ---------------------------------------------------------------- CALL-14, CALL-15

    @Test
    @DisplayName("[CALL-14] server code's call runs in the same session, with the same user, from a trusted"
            + " server_module frame")
    void required_CALL_14_nestedCallSharesSessionAndUser(RuntimeUnderTest rt) {
        AtomicReference<Seen> outerSaw = new AtomicReference<>();
        Recorder inner = Probes.recorder(rt, "inner", null);
        AtomicReference<Object> innerRead = new AtomicReference<>();
        rt.register("reader", a -> {
            innerRead.set(AnvilServer.session().get("committed"));
            return null;
        });
        rt.register("outer", a -> {
            outerSaw.set(new Seen(AnvilServer.context(), dev.anvilcheck.users.Users.getUser(),
                    AnvilServer.session().sessionId(), a));
            AnvilServer.call("inner");
            AnvilServer.call("reader");
            return null;
        });
        Caller browser = rt.browser();
        browser.user(Probes.USER);
        browser.putSession("committed", "yes");
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        Seen seen = inner.last();
        Expect.that(CallerKind.SERVER_MODULE, "inner", seen != null && outerSaw.get() != null,
                "both functions to run", "inner ran: " + (seen != null));
        Expect.equal(CallerKind.SERVER_MODULE, "inner", "session id", outerSaw.get().sessionId(),
                seen.sessionId());
        Expect.equal(CallerKind.SERVER_MODULE, "inner", "session id", browser.sessionId(),
                seen.sessionId());
        Expect.equal(CallerKind.SERVER_MODULE, "inner", "logged-in user", Probes.USER, seen.user());
        Expect.equal(CallerKind.SERVER_MODULE, "reader", "session['committed']", "yes", innerRead.get());
        Expect.that(CallerKind.SERVER_MODULE, "inner", seen.context().remoteCaller() != null,
                "a remote caller", "context.remote_caller = null");
        Expect.equal(CallerKind.SERVER_MODULE, "inner", "context.remote_caller.type", "server_module",
                seen.context().remoteCaller().type());
        Expect.equal(CallerKind.SERVER_MODULE, "inner", "context.remote_caller.is_trusted", true,
                seen.context().remoteCaller().isTrusted());
    }

    @Test
    @DisplayName("[CALL-15] the callee sees the session as last committed, not the caller's pending writes")
    void required_CALL_15_calleeDoesNotSeeUncommittedWrites(RuntimeUnderTest rt) {
        AtomicReference<Object> sawFresh = new AtomicReference<>("not read");
        AtomicReference<Object> sawOld = new AtomicReference<>("not read");
        rt.register("inner", a -> {
            sawFresh.set(AnvilServer.session().get("fresh"));
            sawOld.set(AnvilServer.session().get("old"));
            return null;
        });
        rt.register("outer", a -> {
            AnvilServer.session().put("fresh", "uncommitted");
            AnvilServer.session().put("old", "overwritten");
            AnvilServer.call("inner");
            return null;
        });
        Caller browser = rt.browser();
        browser.putSession("old", "committed");
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        Expect.equal(CallerKind.SERVER_MODULE, "inner", "session['fresh'] in the callee", null,
                sawFresh.get());
        Expect.equal(CallerKind.SERVER_MODULE, "inner", "session['old'] in the callee", "committed",
                sawOld.get());
    }

    // ---------------------------------------------------------------- CALL-16 .. CALL-19

    @Test
    @DisplayName("[CALL-16] call_s behaves as call, without the loading indicator")
    @RequiresFeature(Feature.LOADING_INDICATOR)
    void optional_CALL_16_callSBehavesAsCallWithoutIndicator(RuntimeUnderTest rt) {
        rt.register("answer", a -> List.of(a.get(0), "ok"));
        BrowserCaller browser = rt.browser();
        int before = browser.loadingIndicatorCount();
        Object viaCallS = Expect.returns(browser, "answer",
                () -> browser.callS("answer", Arguments.of(7L)));
        Expect.equal(browser, "answer", "return value of call_s", List.of(7L, "ok"), viaCallS);
        Expect.equal(browser, "answer", "loading indicators shown by call_s", before,
                browser.loadingIndicatorCount());
        Expect.raises(browser, "missing_fn", NoServerFunctionError.class,
                () -> browser.callS("missing_fn", Arguments.none()));
        Object viaCall = Expect.returns(browser, "answer", () -> browser.call("answer", 7L));
        Expect.equal(browser, "answer", "return value of call", viaCallS, viaCall);
        Expect.equal(browser, "answer", "loading indicators shown by call", before + 1,
                browser.loadingIndicatorCount());
    }

    @Test
    @DisplayName("[CALL-17] calls inside no_loading_indicator blocks show no indicator; blocks nest")
    @RequiresFeature(Feature.LOADING_INDICATOR)
    void optional_CALL_17_noLoadingIndicatorBlocksNest(RuntimeUnderTest rt) throws Exception {
        rt.register("ping", a -> "pong");
        BrowserCaller browser = rt.browser();
        int start = browser.loadingIndicatorCount();
        AutoCloseable outer = browser.noLoadingIndicator();
        AutoCloseable inner = browser.noLoadingIndicator();
        Expect.returns(browser, "ping", () -> browser.call("ping"));
        inner.close();
        Expect.returns(browser, "ping", () -> browser.call("ping"));
        Expect.equal(browser, "ping", "indicators shown inside the blocks", start,
                browser.loadingIndicatorCount());
        outer.close();
        Expect.returns(browser, "ping", () -> browser.call("ping"));
        Expect.equal(browser, "ping", "indicators shown after all blocks closed", start + 1,
                browser.loadingIndicatorCount());
    }

    @Test
    @DisplayName("[CALL-18] a browser sends a new call only after its outstanding calls completed")
    @RequiresFeature(Feature.CONCURRENT_CALLS)
    void optional_CALL_18_browserCallsAreSentInIssueOrder(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch firstEntered = env.latch(1);
        CountDownLatch releaseFirst = env.latch(1);
        CountDownLatch secondEntered = env.latch(1);
        AtomicBoolean firstFinished = new AtomicBoolean();
        AtomicBoolean secondSawFirstFinished = new AtomicBoolean();
        rt.register("first", a -> {
            firstEntered.countDown();
            env.await(releaseFirst, "the test to release the first call");
            firstFinished.set(true);
            return "first";
        });
        rt.register("second", a -> {
            secondSawFirstFinished.set(firstFinished.get());
            secondEntered.countDown();
            return "second";
        });
        BrowserCaller browser = rt.browser();
        Pending<Object> first = env.startCall(browser, "first");
        env.await(firstEntered, "the first call to start");
        Pending<Object> second = env.startCall(browser, "second");
        env.expectNoSignal(secondEntered, "second call starting while the first is outstanding");
        releaseFirst.countDown();
        Expect.equal(browser, "first", "return value", "first",
                Expect.returns(browser, "first", first::await));
        Expect.equal(browser, "second", "return value", "second",
                Expect.returns(browser, "second", second::await));
        Expect.that(browser, "second", secondSawFirstFinished.get(),
                "the second call to run after the first completed", "it ran while the first was running");
    }

    @Test
    @DisplayName("[CALL-19] when the app is offline, a browser call raises AppOfflineError")
    @RequiresFeature(Feature.FAULT_INJECTION)
    void optional_CALL_19_offlineBrowserCallRaisesAppOfflineError(RuntimeUnderTest rt) {
        Recorder ping = Probes.recorder(rt, "ping", "pong");
        BrowserCaller browser = rt.browser();
        rt.faults().appOffline(true);
        Expect.raises(browser, "ping", AppOfflineError.class, () -> browser.call("ping"));
        Expect.equal(browser, "ping", "times the function ran", 0, ping.count());
        rt.faults().appOffline(false);
        Expect.equal(browser, "ping", "return value once online again", "pong",
                Expect.returns(browser, "ping", () -> browser.call("ping")));
    }

    @Test
    @DisplayName("[CALL-19] an app offline for browsers still serves server code's and an uplink's calls")
    @RequiresFeature(Feature.FAULT_INJECTION)
    void optional_CALL_19_offlineAppStillServesOtherCallers(RuntimeUnderTest rt) {
        Recorder ping = Probes.recorder(rt, "ping", "pong");
        rt.faults().appOffline(true);
        try {
            for (CallerKind kind : List.of(CallerKind.SERVER_MODULE, CallerKind.UPLINK)) {
                Caller caller = rt.caller(kind);
                Expect.equal(caller, "ping", "return value while the app is offline for browsers", "pong",
                        Expect.returns(caller, "ping", () -> caller.call("ping")));
            }
            Expect.equal(rt.caller(CallerKind.UPLINK), "ping", "times the function ran", 2, ping.count());
        } finally {
            rt.faults().appOffline(false);
        }
    }

    @Test
    @DisplayName("[MISC-02] is_app_online() is True while the server is reachable, False (and calls raise"
            + " AppOfflineError) while it is not")
    @RequiresFeature(Feature.FAULT_INJECTION)
    void optional_MISC_02_isAppOnlineFollowsReachability(RuntimeUnderTest rt) {
        Recorder ping = Probes.recorder(rt, "ping", "pong");
        BrowserCaller browser = rt.browser();
        Expect.equal(browser, null, "is_app_online() while online", true, browser.isAppOnline());
        rt.faults().appOffline(true);
        Expect.equal(browser, null, "is_app_online() while offline", false, browser.isAppOnline());
        Expect.raises(browser, "ping", AppOfflineError.class, () -> browser.call("ping"));
        rt.faults().appOffline(false);
        Expect.equal(browser, null, "is_app_online() once online again", true, browser.isAppOnline());
        Expect.equal(browser, "ping", "times the function ran", 0, ping.count());
    }

    // ---------------------------------------------------------------- CALL-20, CALL-21

    @Test
    @DisplayName("[CALL-20] unserialisable arguments raise SerializationError in the caller, before sending")
    void required_CALL_20_unserialisableArgumentsRaiseInCaller(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            SerializationError e = Expect.raises(caller, "probe", SerializationError.class,
                    () -> caller.call("probe", new Object()));
            checkArgumentMessage(caller.kind(), e, "msg['args'][0]");
            Expect.equal(caller, "probe", "times the function ran", 0, probe.count());
        }
    }

    @Test
    @DisplayName("[CALL-20] an unserialisable keyword argument names its path msg['kwargs'][name]")
    void required_CALL_20_unserialisableKeywordArgumentNamesPath(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        Caller browser = rt.browser();
        SerializationError e = Expect.raises(browser, "probe", SerializationError.class,
                () -> browser.call("probe", 1L, kw("opt", new Object())));
        checkArgumentMessage(CallerKind.BROWSER, e, "msg['kwargs']['opt']");
        Expect.equal(browser, "probe", "times the function ran", 0, probe.count());
    }

    @Test
    @DisplayName("[CALL-20] server code passing an unserialisable argument gets SerializationError")
    void required_CALL_20_unserialisableArgumentsFromServerCode(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        AtomicReference<Throwable> raised = new AtomicReference<>();
        rt.register("outer", a -> {
            try {
                AnvilServer.call("probe", "fine", new Object());
            } catch (RuntimeException e) {
                raised.set(e);
            }
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        SerializationError e = Expect.raises(CallerKind.SERVER_MODULE, "probe", SerializationError.class,
                () -> rethrowOrReturn(raised.get()));
        checkArgumentMessage(CallerKind.SERVER_MODULE, e, "msg['args'][1]");
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "times the function ran", 0, probe.count());
    }

    private static void checkArgumentMessage(CallerKind kind, SerializationError e, String path) {
        String message = String.valueOf(e.getMessage());
        Expect.that("CALL-20", kind, "probe", message.startsWith("Cannot serialize arguments to function."),
                "a message starting \"Cannot serialize arguments to function.\"", "\"" + message + "\"");
        Expect.that("CALL-20", kind, "probe", message.contains(path), "a message naming the path " + path,
                "\"" + message + "\"");
    }

    @Test
    @DisplayName("[CALL-21] an unserialisable return value raises SerializationError in the caller")
    void required_CALL_21_unserialisableReturnValueRaisesInCaller(RuntimeUnderTest rt) {
        AtomicInteger ran = new AtomicInteger();
        rt.register("bad_return", a -> {
            ran.incrementAndGet();
            return new Object();
        });
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            SerializationError e = Expect.raises(caller, "bad_return", SerializationError.class,
                    () -> caller.call("bad_return"));
            String message = String.valueOf(e.getMessage());
            Expect.that(caller, "bad_return",
                    message.startsWith("Cannot serialize return value from function."),
                    "a message starting \"Cannot serialize return value from function.\"", "\"" + message + "\"");
        }
        Expect.equal((CallerKind) null, "bad_return", "times the function ran", Probes.ALL_KINDS.size(),
                ran.get());
    }

    @Test
    @DisplayName("[CALL-21] server code receiving an unserialisable return value gets SerializationError")
    void required_CALL_21_unserialisableReturnValueToServerCode(RuntimeUnderTest rt) {
        rt.register("bad_return", a -> new ArrayList<>(List.of(1L, new Object())));
        AtomicReference<Throwable> raised = new AtomicReference<>();
        rt.register("outer", a -> {
            try {
                AnvilServer.call("bad_return");
            } catch (RuntimeException e) {
                raised.set(e);
            }
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        SerializationError e = Expect.raises(CallerKind.SERVER_MODULE, "bad_return",
                SerializationError.class, () -> rethrowOrReturn(raised.get()));
        String message = String.valueOf(e.getMessage());
        Expect.that(CallerKind.SERVER_MODULE, "bad_return",
                message.startsWith("Cannot serialize return value from function."),
                "a message starting \"Cannot serialize return value from function.\"", "\"" + message + "\"");
    }

    // ---------------------------------------------------------------- CALL-22 .. CALL-24

    static Object rethrowOrReturn(Throwable raised) throws Throwable {
        if (raised != null) {
            throw raised;
        }
        return "returned normally";
    }
}
