package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.python.PythonError;
import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.uplink.Uplink;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.5, CAP: capabilities, and the parts of SESS-12 and SESS-13 that
 * concern them. A simulated browser's code is the test itself: it holds the capabilities its calls
 * return, narrows them, checks their validity and sets their update handlers.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("CAP: capabilities")
public class CapabilityVerification {
    private static final String INVALID_OBJECT = "anvil.server.InvalidObjectError";
    private static final List<Object> DOC = List.of("doc", 42L);

    /** Callers whose frames CTX-06 calls untrusted. */
    private static final List<CallerKind> UNTRUSTED = List.of(CallerKind.BROWSER, CallerKind.CLIENT_UPLINK,
            CallerKind.HTTP, CallerKind.EMAIL, CallerKind.SCHEDULED_TASK);
    /** Callers whose frames CTX-06 calls trusted. */
    private static final List<CallerKind> TRUSTED = List.of(CallerKind.SERVER_MODULE, CallerKind.UPLINK,
            CallerKind.BACKGROUND_TASK);

    /** The probes every test uses: {@code issue} returns a capability, {@code accept} counts and returns its scope. */
    private static final class Probe {
        final AtomicInteger accepted = new AtomicInteger();

        Probe(RuntimeUnderTest rt) {
            rt.register("issue", a -> new Capability(a.args().isEmpty() ? DOC : a.args()));
            rt.register("accept", a -> {
                accepted.incrementAndGet();
                Object cap = a.get(0);
                return cap instanceof Capability c ? c.scope() : Describe.value(cap);
            });
            rt.register("invalidate", a -> {
                AnvilServer.invalidateClientObjects();
                return null;
            });
        }

        Capability issue(String clause, Caller caller, Object... scope) {
            Object cap = Expect.returns(clause, caller, "issue", () -> caller.call("issue", scope));
            Expect.that(clause, caller, "issue", cap instanceof Capability, "a Capability", Describe.returned(cap));
            return (Capability) cap;
        }

        void accepts(String clause, Caller caller, Object cap, List<Object> scope) {
            int before = accepted.get();
            Object seen = Expect.returns(clause, caller, "accept", () -> caller.call("accept", cap));
            Expect.equal(clause, caller, "accept", "scope the function received", scope, seen);
            Expect.equal(clause, caller, "accept", "times the function ran", before + 1, accepted.get());
        }

        /**
         * Expects {@code cap} to be refused before the function runs; a browser sees the wire
         * type of SESS-13.
         */
        void refuses(String clause, Caller caller, Object cap, String what) {
            int before = accepted.get();
            Throwable raised = Expect.raises(clause, caller, "accept", RuntimeException.class,
                    () -> caller.call("accept", cap));
            if (caller.kind() == CallerKind.BROWSER) {
                Expect.that(clause, caller, "accept", raised instanceof AnvilWrappedError w
                        && INVALID_OBJECT.equals(w.wireType()),
                        what + " refused with wire type " + INVALID_OBJECT, Describe.raised(raised));
            }
            Expect.equal(clause, caller, "accept", "times the function ran for " + what, before, accepted.get());
        }
    }

    /** Whether {@code t} is Python's {@code pythonType} in Java (spec §4: IllegalArgumentException or a subclass with that name). */
    private static boolean isPython(Throwable t, String pythonType) {
        return t instanceof IllegalArgumentException
                && (!(t instanceof PythonError p) || pythonType.equals(p.pythonType()));
    }

    /** Runs {@code action} in server code and describes the outcome. */
    private static Throwable raisedBy(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void expectPython(String clause, String function, String what, String pythonType, Throwable t) {
        Expect.that(clause, CallerKind.SERVER_MODULE, function, isPython(t, pythonType),
                what + " raises " + pythonType, t == null ? "no error" : Describe.raised(t));
    }

    // ---------------------------------------------------------------- CAP-01 .. CAP-03

    @Test
    @DisplayName("[CAP-01] Capability(scope) needs a non-empty JSON list whose first element is not \"_\"")
    void required_CAP_01_constructorValidatesTheScope(RuntimeUnderTest rt) {
        Map<String, Throwable> raised = new LinkedHashMap<>();
        rt.register("construct", a -> {
            raised.put("Capability(None)", raisedBy(() -> new Capability(null)));
            raised.put("Capability([object()])", raisedBy(() -> new Capability(List.of(new Object()))));
            raised.put("Capability([])", raisedBy(() -> new Capability(List.of())));
            raised.put("Capability(['_', 1])", raisedBy(() -> new Capability(List.of("_", 1L))));
            raised.put("Capability(['doc', '_'])", raisedBy(() -> new Capability(List.of("doc", "_"))));
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "construct", () -> browser.call("construct"));
        expectPython("CAP-01", "construct", "Capability(None)", "TypeError", raised.get("Capability(None)"));
        expectPython("CAP-01", "construct", "Capability([object()])", "TypeError",
                raised.get("Capability([object()])"));
        expectPython("CAP-01", "construct", "Capability([])", "ValueError", raised.get("Capability([])"));
        expectPython("CAP-01", "construct", "Capability(['_', 1])", "ValueError", raised.get("Capability(['_', 1])"));
        Expect.equal(CallerKind.SERVER_MODULE, "construct", "error of Capability(['doc', '_'])", null,
                raised.get("Capability(['doc', '_'])"));
    }

    @Test
    @DisplayName("[CAP-02] the scope is normalised as by a JSON round trip, also as the browser receives it")
    void required_CAP_02_scopeIsNormalised(RuntimeUnderTest rt) {
        AtomicReference<Object> inServer = new AtomicReference<>();
        rt.register("normalised", a -> {
            Capability cap = new Capability(Arrays.asList("doc", 1, new Object[] {"a", 2}, Map.of(3, "x")));
            inServer.set(cap.scope());
            return cap;
        });
        List<Object> expected = List.of("doc", 1L, List.of("a", 2L), Map.of("3", "x"));
        Caller browser = rt.browser();
        Object cap = Expect.returns(browser, "normalised", () -> browser.call("normalised"));
        Expect.equal(CallerKind.SERVER_MODULE, "normalised", "scope in server code", expected,
                inServer.get());
        Expect.that(browser, "normalised", cap instanceof Capability, "a Capability",
                Describe.returned(cap));
        Expect.equal(browser, "normalised", "scope in the browser", expected, ((Capability) cap).scope());
    }

    @Test
    @DisplayName("[CAP-03] browser code cannot construct a Capability (RuntimeError); server code and uplinks can")
    @RequiresFeature(Feature.CALLER_CONTEXT)
    void optional_CAP_03_browserCodeCannotConstructCapabilities(RuntimeUnderTest rt) {
        Caller browser = rt.browser();
        RuntimeError refused = Expect.raises(browser, "Capability", RuntimeError.class,
                () -> browser.newCapability(List.of("doc", 1)));
        Expect.equal(browser, "Capability", "the browser library's message",
                "Cannot create new Capability objects in Form code.", refused.getMessage());
        for (CallerKind kind : List.of(CallerKind.SERVER_MODULE, CallerKind.UPLINK, CallerKind.CLIENT_UPLINK)) {
            Caller caller = rt.caller(kind);
            Capability made = Expect.returns(caller, "Capability", () -> caller.newCapability(List.of("doc", 1)));
            Expect.equal(caller, "Capability", "scope of the capability its own code made", List.of("doc", 1L),
                    made == null ? null : made.scope());
        }
    }

    // ---------------------------------------------------------------- CAP-04 .. CAP-07

    @Test
    @DisplayName("[CAP-04] scope is a fresh list: the base scope followed by every narrowing suffix")
    void required_CAP_04_scopeIsAFreshFullList(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-04", browser);
        Expect.equal(browser, "issue", "scope", DOC, cap.scope());
        Capability narrowed = cap.narrow(List.of("page")).narrow(List.of(3L));
        Expect.equal(browser, null, "scope after two narrow() calls", List.of("doc", 42L, "page", 3L),
                narrowed.scope());
        narrowed.scope().add("mutated");
        Expect.equal(browser, null, "scope after mutating a list it returned",
                List.of("doc", 42L, "page", 3L), narrowed.scope());
        List<Object> serverSide = new CopyOnWriteArrayList<>();
        rt.register("mutate_scope", a -> {
            Capability received = (Capability) a.get(0);
            received.scope().clear();
            serverSide.addAll(received.scope());
            return null;
        });
        Expect.returns(browser, "mutate_scope", () -> browser.call("mutate_scope", narrowed));
        Expect.equal(CallerKind.SERVER_MODULE, "mutate_scope", "scope after clearing a list it returned",
                List.of("doc", 42L, "page", 3L), serverSide);
    }

    @Test
    @DisplayName("[CAP-05] narrow(suffix) returns a new capability with the suffix appended; the original is"
            + " unchanged")
    void required_CAP_05_narrowReturnsANewNarrowerCapability(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-05", browser);
        Capability narrowed = cap.narrow(List.of("page", 3L));
        Expect.equal(browser, null, "original scope after narrow()", DOC, cap.scope());
        Expect.equal(browser, null, "narrow([]) equals the original", cap, cap.narrow(List.of()));
        Expect.that(browser, null, narrowed != cap, "a new object", "narrow() returned the original");
        Expect.that(browser, null, isPython(raisedBy(() -> cap.narrow(null)), "TypeError"),
                "narrow(None) raises TypeError", Describe.raised(raisedBy(() -> cap.narrow(null))));
        probe.accepts("CAP-05", browser, narrowed, List.of("doc", 42L, "page", 3L));
        probe.accepts("CAP-05", browser, cap, DOC);
    }

    @Test
    @DisplayName("[CAP-06] narrowing works in server code and the browser; no scope can be broadened")
    void required_CAP_06_noWayToBroaden(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        rt.register("issue_narrowed", a -> new Capability(DOC).narrow(List.of("read")));
        BrowserCaller browser = rt.browser();
        Object issued = Expect.returns(browser, "issue_narrowed", () -> browser.call("issue_narrowed"));
        Expect.that(browser, "issue_narrowed", issued instanceof Capability, "a Capability",
                Describe.returned(issued));
        Capability cap = (Capability) issued;
        List<Object> full = List.of("doc", 42L, "read");
        Expect.equal(browser, "issue_narrowed", "scope of a capability server code narrowed", full,
                cap.scope());
        for (int length = 1; length < full.size(); length++) {
            List<Object> shorter = full.subList(0, length);
            probe.refuses("CAP-06", browser, Capability.restore(shorter, List.of(), cap.mac()),
                    "a capability rebuilt with the broader scope " + shorter + " and the issued MAC");
        }
        probe.accepts("CAP-06", browser, cap.narrow(List.of("page")), List.of("doc", 42L, "read", "page"));
        probe.accepts("CAP-06", browser, cap, full);
    }

    @Test
    @DisplayName("[CAP-07] narrowing an invalidated capability gives a locally valid one that the server refuses")
    void required_CAP_07_narrowingDoesNotRevalidate(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-07", browser);
        Expect.returns(browser, "invalidate", () -> browser.call("invalidate"));
        Capability narrowed = cap.narrow(List.of("page"));
        Expect.that(browser, null, narrowed.isValid(), "is_valid of the narrowed copy = true",
                "is_valid = false");
        probe.refuses("CAP-07", browser, narrowed, "a capability narrowed from an invalidated one");
    }

    // ---------------------------------------------------------------- CAP-08, CAP-09

    @Test
    @DisplayName("[CAP-08] an untrusted caller's capability is accepted only with the issued MAC; narrowing is"
            + " appended after the check")
    void required_CAP_08_untrustedCallersNeedTheIssuedMac(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        for (CallerKind kind : UNTRUSTED) {
            Caller caller = rt.caller(kind);
            Capability cap = probe.issue("CAP-08", caller);
            if (kind != CallerKind.HTTP) {
                // every HTTP request without a browser session is a new session (CTX-04)
                probe.accepts("CAP-08", caller, cap, DOC);
                probe.accepts("CAP-08", caller, cap.narrow(List.of("page", 3L)), List.of("doc", 42L, "page", 3L));
            }
            probe.refuses("CAP-08", caller, new Capability(DOC), "a capability without a MAC");
            probe.refuses("CAP-08", caller, Capability.restore(DOC, List.of(), "forged-mac"),
                    "a capability with a forged MAC");
            probe.refuses("CAP-08", caller, Capability.restore(List.of("doc", 43L), List.of(), cap.mac()),
                    "an issued MAC on an altered scope");
            int before = probe.accepted.get();
            Expect.raises(caller, "accept", RuntimeException.class,
                    () -> caller.call("accept", List.of(cap, Map.of("inner", new Capability(DOC)))));
            Expect.equal(caller, "accept", "times the function ran with a forged capability nested in"
                    + " the arguments", before, probe.accepted.get());
        }
    }

    @Test
    @DisplayName("[CAP-08] the MAC covers the whole base scope, nested dicts and lists included")
    void required_CAP_08_theMacCoversNestedScopeElements(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("owner", "ann");
        owner.put("rights", List.of("read"));
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-08", browser, "doc", owner);
        List<Object> issued = List.of("doc", owner);
        probe.accepts("CAP-08", browser, cap, issued);
        Map<String, Object> otherOwner = new LinkedHashMap<>(owner);
        otherOwner.put("owner", "bob");
        probe.refuses("CAP-08", browser, Capability.restore(List.of("doc", otherOwner), List.of(), cap.mac()),
                "the issued MAC on a scope whose nested dict was altered");
        Map<String, Object> moreRights = new LinkedHashMap<>(owner);
        moreRights.put("rights", List.of("read", "write"));
        probe.refuses("CAP-08", browser, Capability.restore(List.of("doc", moreRights), List.of(), cap.mac()),
                "the issued MAC on a scope whose nested list was altered");
        Map<String, Object> renamed = new LinkedHashMap<>();
        renamed.put("admin", "ann");
        renamed.put("rights", List.of("read"));
        probe.refuses("CAP-08", browser, Capability.restore(List.of("doc", renamed), List.of(), cap.mac()),
                "the issued MAC on a scope whose nested dict key was renamed");
    }

    @Test
    @DisplayName("[CAP-08] trusted callers may send capabilities without a MAC, unless the scope starts with \"_\"")
    void required_CAP_08_trustedCallersMaySendMacLessCapabilities(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        for (CallerKind kind : TRUSTED) {
            Caller caller = rt.caller(kind);
            probe.accepts("CAP-08", caller, new Capability(List.of("made", "by", "trusted code")),
                    List.of("made", "by", "trusted code"));
            probe.refuses("CAP-08", caller, Capability.restore(List.of("_", "t"), List.of(), null),
                    "a MAC-less capability whose scope starts with \"_\"");
        }
        rt.register("nested", a -> AnvilServer.call("accept", new Capability(List.of("made", "here"))));
        Caller browser = rt.browser();
        Expect.equal(browser, "nested", "scope server code passed on without a MAC",
                List.of("made", "here"), Expect.returns(browser, "nested", () -> browser.call("nested")));
    }

    @Test
    @DisplayName("[CAP-09] capabilities are equal, with equal hashes, exactly when their full scopes are equal")
    void required_CAP_09_equalityUsesTheFullScope(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        Map<String, Object> seen = new LinkedHashMap<>();
        rt.register("compare", a -> {
            Capability received = (Capability) a.get(0);
            Capability made = new Capability(List.of("doc", 42L, "page"));
            seen.put("received == Capability(full scope)", received.equals(made));
            seen.put("hashes equal", received.hashCode() == made.hashCode());
            seen.put("received == Capability(['doc']).narrow([42, 'page'])",
                    received.equals(new Capability(List.of("doc")).narrow(List.of(42L, "page"))));
            seen.put("received == its scope list", received.equals(received.scope()));
            seen.put("received == Capability(other scope)", received.equals(new Capability(DOC)));
            return null;
        });
        BrowserCaller browser = rt.browser();
        Capability narrowed = probe.issue("CAP-09", browser).narrow(List.of("page"));
        Expect.returns(browser, "compare", () -> browser.call("compare", narrowed));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("received == Capability(full scope)", true);
        expected.put("hashes equal", true);
        expected.put("received == Capability(['doc']).narrow([42, 'page'])", true);
        expected.put("received == its scope list", false);
        expected.put("received == Capability(other scope)", false);
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Expect.equal(CallerKind.SERVER_MODULE, "compare", e.getKey(), e.getValue(), seen.get(e.getKey()));
        }
        Expect.equal(browser, null, "browser-side: issued capability == another narrowed to the same scope",
                narrowed, probe.issue("CAP-09", browser, "doc", 42L, "page"));
    }

    // ---------------------------------------------------------------- CAP-10 .. CAP-14

    /** Registers {@code unwrap(cap, case)}, which unwraps a received capability against named patterns. */
    private static Map<String, Object> registerUnwrap(RuntimeUnderTest rt) {
        Map<String, Object> outcomes = new LinkedHashMap<>();
        rt.register("unwrap", a -> {
            Capability cap = (Capability) a.get(0);
            Map<String, List<?>> patterns = new LinkedHashMap<>();
            patterns.put("exact", List.of("doc", 42L));
            patterns.put("any", List.of("doc", Capability.ANY));
            patterns.put("broader capability", List.of("doc", 42L, Capability.ANY, Capability.ANY));
            patterns.put("too narrow", List.of("doc"));
            patterns.put("mismatch", List.of("doc", 43L, Capability.ANY, Capability.ANY));
            patterns.put("tuple", List.of("doc", 42L, new Object[] {"x", 1L}));
            patterns.put("string ANY", List.of("doc", "ANY", Capability.ANY, Capability.ANY));
            for (Map.Entry<String, List<?>> e : patterns.entrySet()) {
                try {
                    outcomes.put(e.getKey(), AnvilServer.unwrapCapability(cap, e.getValue()));
                } catch (RuntimeException ex) {
                    outcomes.put(e.getKey(), ex);
                }
            }
            outcomes.put("not a capability", raisedBy(() -> AnvilServer.unwrapCapability(cap.scope(), List.of("doc"))));
            outcomes.put("null pattern", raisedBy(() -> AnvilServer.unwrapCapability(cap, null)));
            return null;
        });
        return outcomes;
    }

    private static Map<String, Object> unwrapFromBrowser(RuntimeUnderTest rt, String clause, Object... narrowing) {
        Probe probe = new Probe(rt);
        Map<String, Object> outcomes = registerUnwrap(rt);
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue(clause, browser).narrow(List.of(narrowing));
        Expect.returns(clause, browser, "unwrap", () -> browser.call("unwrap", cap));
        return outcomes;
    }

    @Test
    @DisplayName("[CAP-10] unwrap_capability needs a Capability and a list pattern (TypeError)")
    void required_CAP_10_unwrapChecksItsArgumentTypes(RuntimeUnderTest rt) {
        Map<String, Object> outcomes = unwrapFromBrowser(rt, "CAP-10");
        expectPython("CAP-10", "unwrap", "unwrap_capability(a list, pattern)", "TypeError",
                (Throwable) outcomes.get("not a capability"));
        expectPython("CAP-10", "unwrap", "unwrap_capability(cap, None)", "TypeError",
                (Throwable) outcomes.get("null pattern"));
    }

    @Test
    @DisplayName("[CAP-11] a scope longer than the pattern is too narrow (ValueError)")
    void required_CAP_11_tooNarrowRaisesValueError(RuntimeUnderTest rt) {
        Map<String, Object> outcomes = unwrapFromBrowser(rt, "CAP-11");
        Object tooNarrow = outcomes.get("too narrow");
        expectPython("CAP-11", "unwrap", "unwrap_capability(['doc', 42] capability, ['doc'])", "ValueError",
                tooNarrow instanceof Throwable t ? t : null);
    }

    @Test
    @DisplayName("[CAP-12] each scope position must equal the pattern's, be matched by ANY, or equal a tuple")
    void required_CAP_12_positionsMustMatch(RuntimeUnderTest rt) {
        Map<String, Object> outcomes = unwrapFromBrowser(rt, "CAP-12", List.of("x", 1L));
        Object mismatch = outcomes.get("mismatch");
        expectPython("CAP-12", "unwrap", "unwrap_capability(cap, ['doc', 43, ANY, ANY])", "ValueError",
                mismatch instanceof Throwable t ? t : null);
        Expect.equal(CallerKind.SERVER_MODULE, "unwrap", "unwrap_capability(cap, ['doc', 42, ('x', 1)])",
                List.of("doc", 42L, List.of("x", 1L)), outcomes.get("tuple"));
    }

    @Test
    @DisplayName("[CAP-13] the result has the pattern's length, None past the end of a broader scope")
    void required_CAP_13_resultIsPaddedWithNone(RuntimeUnderTest rt) {
        Map<String, Object> outcomes = unwrapFromBrowser(rt, "CAP-13");
        Expect.equal(CallerKind.SERVER_MODULE, "unwrap", "unwrap_capability(cap, ['doc', 42])", DOC,
                outcomes.get("exact"));
        Expect.equal(CallerKind.SERVER_MODULE, "unwrap", "unwrap_capability(cap, ['doc', 42, ANY, ANY])",
                Arrays.asList("doc", 42L, null, null), outcomes.get("broader capability"));
    }

    @Test
    @DisplayName("[CAP-14] Capability.ANY matches any value by identity; Capability.require is an alias")
    void required_CAP_14_anyMatchesByIdentity(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        Map<String, Object> outcomes = registerUnwrap(rt);
        Map<String, Object> seen = new LinkedHashMap<>();
        rt.register("any_and_require", a -> {
            Capability cap = (Capability) a.get(0);
            seen.put("ANY", String.valueOf(Capability.ANY));
            seen.put("dict under ANY", AnvilServer.unwrapCapability(cap, List.of("doc", 42L, Capability.ANY)));
            @SuppressWarnings("deprecation")
            List<Object> required = Capability.require(cap, List.of(Capability.ANY, Capability.ANY, Capability.ANY));
            seen.put("require", required);
            return null;
        });
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-14", browser);
        Expect.returns(browser, "unwrap", () -> browser.call("unwrap", cap));
        Expect.equal(CallerKind.SERVER_MODULE, "unwrap", "unwrap_capability(cap, ['doc', ANY])",
                DOC, outcomes.get("any"));
        Object stringAny = outcomes.get("string ANY");
        expectPython("CAP-14", "unwrap", "unwrap_capability(cap, ['doc', 'ANY', ANY, ANY])", "ValueError",
                stringAny instanceof Throwable t ? t : null);
        Capability narrowed = cap.narrow(List.of(Map.of("k", List.of(1L))));
        Expect.returns(browser, "any_and_require", () -> browser.call("any_and_require", narrowed));
        Expect.equal(CallerKind.SERVER_MODULE, "any_and_require", "repr(Capability.ANY)", "ANY",
                seen.get("ANY"));
        List<Object> full = List.of("doc", 42L, Map.of("k", List.of(1L)));
        Expect.equal(CallerKind.SERVER_MODULE, "any_and_require", "ANY matching a dict", full,
                seen.get("dict under ANY"));
        Expect.equal(CallerKind.SERVER_MODULE, "any_and_require", "Capability.require(cap, [ANY]*3)", full,
                seen.get("require"));
    }

    // ---------------------------------------------------------------- CAP-15, CAP-16

    @Test
    @DisplayName("[CAP-15] is_valid becomes False once invalidate_client_objects() ran, in server code and in"
            + " the browser")
    void required_CAP_15_isValidUntilInvalidated(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        List<Object> validity = new CopyOnWriteArrayList<>();
        rt.register("check_validity", a -> {
            Capability received = (Capability) a.get(0);
            Capability made = new Capability(List.of("made"));
            validity.add(received.isValid());
            validity.add(made.isValid());
            AnvilServer.invalidateClientObjects();
            validity.add(received.isValid());
            validity.add(made.isValid());
            validity.add(new Capability(List.of("afterwards")).isValid());
            return null;
        });
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-15", browser);
        Expect.that(browser, "issue", cap.isValid(), "is_valid = true on receipt", "false");
        Expect.returns(browser, "check_validity", () -> browser.call("check_validity", cap));
        Expect.equal(CallerKind.SERVER_MODULE, "check_validity",
                "[received, made before, received after, made after, made afterwards].is_valid",
                List.of(true, true, false, false, true), validity);
        Expect.that(browser, "check_validity", !cap.isValid(),
                "is_valid = false in the browser once server code invalidated its objects", "true");
        Capability fresh = probe.issue("CAP-15", browser);
        Expect.that(browser, "issue", fresh.isValid(), "is_valid = true for a capability issued after",
                "false");
    }

    @Test
    @DisplayName("[CAP-16] after invalidate_client_objects() every capability issued before is refused")
    void required_CAP_16_invalidationRefusesEarlierCapabilities(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        BrowserCaller browser = rt.browser();
        Capability before = probe.issue("CAP-16", browser);
        Capability narrowedBefore = before.narrow(List.of("page"));
        probe.accepts("CAP-16", browser, before, DOC);
        Expect.returns(browser, "invalidate", () -> browser.call("invalidate"));
        probe.refuses("CAP-16", browser, before, "a capability issued before the invalidation");
        probe.refuses("CAP-16", browser, narrowedBefore, "a capability narrowed before the invalidation");
        probe.accepts("CAP-16", browser, probe.issue("CAP-16", browser), DOC);
    }

    @Test
    @DisplayName("[CAP-16] a capability issued before invalidate_client_objects() stays refused when server code"
            + " returns it again")
    void required_CAP_16_returningAnInvalidatedCapabilityDoesNotRenewIt(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        AtomicReference<Object> kept = new AtomicReference<>();
        rt.register("keep", a -> {
            kept.set(a.get(0));
            return null;
        });
        rt.register("give_back", a -> kept.get());
        BrowserCaller browser = rt.browser();
        Capability before = probe.issue("CAP-16", browser);
        Expect.returns(browser, "keep", () -> browser.call("keep", before));
        Expect.returns(browser, "invalidate", () -> browser.call("invalidate"));
        Object returned;
        try {
            returned = browser.call("give_back");
        } catch (RuntimeException e) {
            return; // the platform refuses the stale MAC as the return value crosses (serialisation/core.clj)
        }
        probe.refuses("CAP-16", browser, returned, "a capability issued before the invalidation, returned again");
    }

    // ---------------------------------------------------------------- CAP-17 .. CAP-19

    @Test
    @DisplayName("[CAP-17] send_update() calls the local handler and accumulates: dicts merge, other values replace")
    void required_CAP_17_sendUpdateAccumulates(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        List<Object> local = new CopyOnWriteArrayList<>();
        rt.register("merge", a -> {
            Capability cap = (Capability) a.get(0);
            cap.setUpdateHandler(local::add);
            cap.sendUpdate(Map.of("a", 1L));
            cap.sendUpdate(Map.of("b", 2L));
            return null;
        });
        rt.register("replace", a -> {
            Capability cap = (Capability) a.get(0);
            cap.sendUpdate(Map.of("a", 1L));
            cap.sendUpdate("replaced");
            return null;
        });
        rt.register("with_get_update", a -> {
            Capability cap = (Capability) a.get(0);
            AtomicInteger applied = new AtomicInteger();
            cap.setUpdateHandler(u -> applied.incrementAndGet(), () -> Map.of("applied", (long) applied.get()));
            cap.sendUpdate("one");
            cap.sendUpdate("two");
            return null;
        });
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-17", browser);
        List<Object> received = new CopyOnWriteArrayList<>();
        cap.setUpdateHandler(received::add);
        Expect.returns(browser, "merge", () -> browser.call("merge", cap));
        Expect.equal(CallerKind.SERVER_MODULE, "merge", "updates the local handler received",
                List.of(Map.of("a", 1L), Map.of("b", 2L)), local);
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("a", 1L);
        merged.put("b", 2L);
        Expect.equal(browser, "merge", "updates the browser's handler received", List.of(merged),
                received);
        // a fresh capability for each rule: a caller that is not a browser (a client uplink over the
        // wire) queues what reaches it as a server-side capability does, and a dict cannot merge into
        // a queued str (CAP-17), so reusing one capability would test the caller, not the rule
        received.clear();
        Capability forReplace = probe.issue("CAP-17", browser);
        forReplace.setUpdateHandler(received::add);
        Expect.returns(browser, "replace", () -> browser.call("replace", forReplace));
        Expect.equal(browser, "replace", "updates the browser's handler received", List.of("replaced"),
                received);
        received.clear();
        Capability forGetUpdate = probe.issue("CAP-17", browser);
        forGetUpdate.setUpdateHandler(received::add);
        Expect.returns(browser, "with_get_update", () -> browser.call("with_get_update", forGetUpdate));
        Expect.equal(browser, "with_get_update", "updates the browser's handler received (get_update's)",
                List.of(Map.of("applied", 2L)), received);
    }

    @Test
    @DisplayName("[CAP-18] updates flow back through nested calls to the caller's capability of identical scope")
    void required_CAP_18_updatesFlowBackThroughNestedCalls(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        List<Object> atF = new CopyOnWriteArrayList<>();
        rt.register("g", a -> {
            ((Capability) a.get(0)).sendUpdate(Map.of("from", "g"));
            return null;
        });
        rt.register("f", a -> {
            Capability cap = (Capability) a.get(0);
            cap.setUpdateHandler(atF::add);
            AnvilServer.call("g", cap);
            return null;
        });
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-18", browser);
        Capability other = cap.narrow(List.of("other"));
        List<Object> atBrowser = new CopyOnWriteArrayList<>();
        List<Object> atOther = new CopyOnWriteArrayList<>();
        cap.setUpdateHandler(atBrowser::add);
        other.setUpdateHandler(atOther::add);
        Expect.returns(browser, "f", () -> browser.call("f", cap, other));
        Expect.equal(CallerKind.SERVER_MODULE, "g", "updates f's copy received from g",
                List.of(Map.of("from", "g")), atF);
        Expect.equal(browser, "f", "updates the browser's capability received", List.of(Map.of("from", "g")),
                atBrowser);
        Expect.equal(browser, "f", "updates a capability of another scope received", List.of(), atOther);
    }

    @Test
    @DisplayName("[CAP-18] nothing is sent back for no update or an empty dict, nor when the function raises")
    void required_CAP_18_noUpdateWithoutOneOrOnFailure(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        rt.register("empty", a -> {
            ((Capability) a.get(0)).sendUpdate(Map.of());
            return null;
        });
        rt.register("raises", a -> {
            ((Capability) a.get(0)).sendUpdate("never sent");
            throw new IllegalStateException("raised after send_update");
        });
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-18", browser);
        List<Object> received = new CopyOnWriteArrayList<>();
        cap.setUpdateHandler(received::add);
        Expect.returns(browser, "accept", () -> browser.call("accept", cap));
        Expect.returns(browser, "empty", () -> browser.call("empty", cap));
        Expect.raises(browser, "raises", RuntimeException.class, () -> browser.call("raises", cap));
        Expect.equal(browser, null, "updates the browser's handler received", List.of(), received);
    }

    @Test
    @DisplayName("[CAP-19] in the browser, send_update() only calls the local handler and get_update is ignored")
    void required_CAP_19_browserSendUpdateIsLocal(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("CAP-19", browser);
        List<Object> received = new CopyOnWriteArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        cap.setUpdateHandler(received::add, () -> {
            asked.incrementAndGet();
            return "from get_update";
        });
        cap.sendUpdate(Map.of("local", true));
        Expect.equal(browser, null, "updates the handler received from send_update()",
                List.of(Map.of("local", true)), received);
        probe.accepts("CAP-19", browser, cap, DOC);
        Expect.equal(browser, "accept", "updates the handler received after a call that sent none",
                List.of(Map.of("local", true)), received);
        Expect.equal(browser, null, "times get_update was called", 0, asked.get());
    }

    // ---------------------------------------------------------------- CAP-20, SESS-12, SESS-13

    @Test
    @DisplayName("[CAP-20] a capability issued to one browser's session is refused from another browser")
    void required_CAP_20_capabilitiesAreBoundToTheirSession(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        BrowserCaller alice = rt.browser();
        BrowserCaller bob = rt.browser();
        Capability cap = probe.issue("CAP-20", alice);
        probe.refuses("CAP-20", bob, cap, "another session's capability");
        probe.refuses("CAP-20", bob, cap.narrow(List.of("page")), "another session's capability, narrowed");
        probe.accepts("CAP-20", alice, cap, DOC);
    }

    @Test
    @DisplayName("[SESS-12] reset_session() invalidates the capabilities the browser holds")
    void required_SESS_12_resetSessionInvalidatesHeldCapabilities(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("SESS-12", browser);
        Capability narrowed = cap.narrow(List.of("page"));
        Expect.returns(browser, "reset_session", () -> {
            browser.resetSession();
            return null;
        });
        Expect.that(browser, null, !cap.isValid(), "is_valid = false after reset_session()", "true");
        Expect.that(browser, null, !narrowed.isValid(),
                "is_valid = false after reset_session() for a narrowed copy", "true");
        probe.accepts("SESS-12", browser, probe.issue("SESS-12", browser), DOC);
    }

    @Test
    @DisplayName("[SESS-13] a capability issued to a session the browser left is refused as InvalidObjectError")
    void required_SESS_13_objectFromLeftSessionIsRefused(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        BrowserCaller browser = rt.browser();
        Capability cap = probe.issue("SESS-13", browser);
        browser.resetSession();
        probe.refuses("SESS-13", browser, cap, "a capability of the session before reset_session()");
        probe.refuses("SESS-13", browser, cap.narrow(List.of("page")),
                "a capability of the session before reset_session(), narrowed after it");
    }

    // ---------------------------------------------------------------- CAP-16 on a connected uplink

    @Test
    @DisplayName("[CAP-16] a function on a connected uplink that asks the server to invalidate_client_objects()"
            + " makes every capability the calling browser held before refused")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_CAP_16_connectedUplinkInvalidatesItsCallersObjects(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        String invalidate = "anvil.private.invalidate_client_objects";
        try (Uplink uplink = RealUplinks.connectServer("CAP-16", RealUplinks.server(rt).register("cap16_on_uplink",
                a -> AnvilServer.call(invalidate)))) {
            BrowserCaller browser = rt.browser();
            BrowserCaller other = rt.browser();
            Capability before = probe.issue("CAP-16", browser);
            Capability othersBefore = probe.issue("CAP-16", other);
            probe.accepts("CAP-16", browser, before, DOC);
            Expect.returns(browser, "cap16_on_uplink", () -> browser.call("cap16_on_uplink"));
            probe.refuses("CAP-16", browser, before, "a capability issued before the uplink's invalidation");
            probe.accepts("CAP-16", browser, probe.issue("CAP-16", browser), DOC);
            probe.accepts("CAP-16", other, othersBefore, DOC);
            Expect.returns(CallerKind.UPLINK, invalidate, () -> uplink.call(invalidate));
            probe.accepts("CAP-16", other, othersBefore, DOC);
        }
    }

    @Test
    @DisplayName("[CAP-16] a connected uplink's invalidate_client_objects() at its top level makes the capabilities"
            + " issued to its own session refused")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_CAP_16_connectedUplinkInvalidatesItsOwnObjects(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        String invalidate = "anvil.private.invalidate_client_objects";
        try (Uplink uplink = RealUplinks.connectServer("CAP-16", RealUplinks.server(rt))) {
            Object cap = Expect.returns(CallerKind.UPLINK, "issue", () -> uplink.call("issue"));
            Expect.equal(CallerKind.UPLINK, "accept", "scope the function received", DOC,
                    Expect.returns(CallerKind.UPLINK, "accept", () -> uplink.call("accept", cap)));
            Expect.returns(CallerKind.UPLINK, invalidate, () -> uplink.call(invalidate));
            int before = probe.accepted.get();
            Expect.raises(CallerKind.UPLINK, "accept", RuntimeException.class, () -> uplink.call("accept", cap));
            Expect.equal(CallerKind.UPLINK, "accept", "times the function ran for a capability issued before the"
                    + " invalidation", before, probe.accepted.get());
        }
    }

    @Test
    @DisplayName("[CAP-18] an update a function on a connected uplink sends reaches the caller's capability of"
            + " identical scope, and its caller's")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_CAP_18_updatesFlowBackFromAConnectedUplink(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        List<Object> atF = new CopyOnWriteArrayList<>();
        rt.register("cap18_f", a -> {
            Capability cap = (Capability) a.get(0);
            cap.setUpdateHandler(atF::add);
            AnvilServer.call("cap18_on_uplink", cap);
            return null;
        });
        try (Uplink uplink = RealUplinks.connectServer("CAP-18", RealUplinks.server(rt).register("cap18_on_uplink",
                a -> {
                    ((Capability) a.get(0)).sendUpdate(Map.of("from", "uplink"));
                    return null;
                }))) {
            BrowserCaller browser = rt.browser();
            Capability cap = probe.issue("CAP-18", browser);
            List<Object> atBrowser = new CopyOnWriteArrayList<>();
            cap.setUpdateHandler(atBrowser::add);
            Expect.returns(browser, "cap18_f", () -> browser.call("cap18_f", cap));
            Expect.equal(CallerKind.SERVER_MODULE, "cap18_on_uplink", "updates server code's capability received from"
                    + " the uplink", List.of(Map.of("from", "uplink")), atF);
            Expect.equal(browser, "cap18_f", "updates the browser's capability received",
                    List.of(Map.of("from", "uplink")), atBrowser);
        }
    }

    @Test
    @DisplayName("[CAP-18] an update server code sends on a capability a function on a connected uplink passed it"
            + " reaches the uplink's capability, and the calling browser's")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_CAP_18_updatesFlowBackToAConnectedUplink(RuntimeUnderTest rt) {
        Probe probe = new Probe(rt);
        List<Object> atUplink = new CopyOnWriteArrayList<>();
        rt.register("cap18_server_updates", a -> {
            ((Capability) a.get(0)).sendUpdate(Map.of("from", "server"));
            return null;
        });
        try (Uplink uplink = RealUplinks.connectServer("CAP-18", RealUplinks.server(rt).register("cap18_uplink_passes",
                a -> {
                    Capability cap = (Capability) a.get(0);
                    cap.setUpdateHandler(atUplink::add);
                    AnvilServer.call("cap18_server_updates", cap);
                    return null;
                }))) {
            BrowserCaller browser = rt.browser();
            Capability cap = probe.issue("CAP-18", browser);
            List<Object> atBrowser = new CopyOnWriteArrayList<>();
            cap.setUpdateHandler(atBrowser::add);
            Expect.returns(browser, "cap18_uplink_passes", () -> browser.call("cap18_uplink_passes", cap));
            Expect.equal(CallerKind.UPLINK, "cap18_server_updates", "updates the uplink's capability it passed to server"
                    + " code", List.of(Map.of("from", "server")), atUplink);
            Expect.equal(browser, "cap18_uplink_passes", "updates the browser's capability passed on",
                    List.of(Map.of("from", "server")), atBrowser);
        }
    }
}
