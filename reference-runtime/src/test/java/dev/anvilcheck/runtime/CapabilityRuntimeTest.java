package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.spi.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the reference runtime issues, checks, invalidates and updates capabilities (CAP-07..20, SESS-12/13). */
class CapabilityRuntimeTest {
    private static final String INVALID = "anvil.server.InvalidObjectError";

    private final AnvilRuntime runtime = AnvilRuntime.create();
    private final AtomicInteger accepted = new AtomicInteger();

    @BeforeEach
    void register() {
        runtime.register("issue", a -> new Capability(List.of("doc", 42)));
        runtime.register("accept", a -> {
            accepted.incrementAndGet();
            return ((Capability) a.get(0)).scope();
        });
        runtime.register("invalidate", a -> {
            AnvilServer.invalidateClientObjects();
            return null;
        });
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private static Capability issue(Caller caller) {
        return (Capability) caller.call("issue");
    }

    private void assertRefused(Caller caller, Object cap) {
        int before = accepted.get();
        assertThatThrownBy(() -> caller.call("accept", cap)).isInstanceOf(AnvilWrappedError.class)
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isEqualTo(INVALID));
        assertThat(accepted).as("the function did not run").hasValue(before);
    }

    @Test
    void cap08_issuedCapabilitiesComeBackAcceptedAndNarrowingIsAppendedAfterTheCheck() {
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        assertThat(cap.mac()).isNotNull();
        assertThat(browser.call("accept", cap)).isEqualTo(List.of("doc", 42L));
        assertThat(browser.call("accept", cap.narrow(List.of("page", 3)))).isEqualTo(List.of("doc", 42L, "page", 3L));
    }

    @Test
    void cap08_untrustedCallersCannotSendForgedAlteredBroadenedOrMacLessCapabilities() {
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        assertRefused(browser, new Capability(List.of("doc", 42)));
        assertRefused(browser, Capability.restore(List.of("doc", 42), List.of(), "forged"));
        assertRefused(browser, Capability.restore(List.of("doc"), List.of(), cap.mac()));
        assertRefused(browser, Capability.restore(List.of("doc"), List.of(42), cap.mac()));
        assertRefused(browser, Capability.restore(List.of("doc", 43), List.of(), cap.mac()));
        assertRefused(browser, List.of("wrapped", Map.of("in", new Capability(List.of("x")))));
        for (Caller untrusted : List.<Caller>of(runtime.clientUplink(), runtime.http(), runtime.email(),
                runtime.scheduledTask())) {
            assertRefused(untrusted, new Capability(List.of("doc", 42)));
        }
    }

    @Test
    void cap06_aClientCannotStripNarrowingTheServerApplied() {
        runtime.register("issue_narrowed", a -> new Capability(List.of("doc", 42)).narrow(List.of("read")));
        SimulatedBrowser browser = runtime.browser();
        Capability cap = (Capability) browser.call("issue_narrowed");
        assertThat(cap.scope()).containsExactly("doc", 42L, "read");
        for (int length = 1; length < 3; length++) {
            assertRefused(browser, Capability.restore(cap.scope().subList(0, length), List.of(), cap.mac()));
        }
        assertThat(browser.call("accept", cap)).isEqualTo(List.of("doc", 42L, "read"));
        runtime.register("echo", a -> a.get(0));
        Capability echoed = (Capability) browser.call("echo", cap.narrow(List.of("page")));
        assertRefused(browser, Capability.restore(cap.scope(), List.of(), echoed.mac()));
        assertThat(browser.call("accept", echoed)).isEqualTo(List.of("doc", 42L, "read", "page"));
    }

    @Test
    void cap16_aStaleCapabilityReturnedByServerCodeStaysRefused() {
        AtomicReference<Capability> stash = new AtomicReference<>();
        runtime.register("stash", a -> {
            stash.set((Capability) a.get(0));
            return null;
        });
        runtime.register("return_stashed", a -> stash.get());
        SimulatedBrowser browser = runtime.browser();
        browser.call("stash", issue(browser));
        browser.call("invalidate");
        assertRefused(browser, browser.call("return_stashed"));
    }

    @Test
    void cap08_trustedCallersMaySendMacLessCapabilitiesButNotPlatformScopes() {
        for (Caller trusted : List.<Caller>of(runtime.uplink(), runtime.serverModule(), runtime.backgroundTask())) {
            assertThat(trusted.call("accept", new Capability(List.of("mine", 1)))).isEqualTo(List.of("mine", 1L));
            assertRefused(trusted, Capability.restore(List.of("_", "t"), List.of(), null));
            assertRefused(trusted, Capability.restore(List.of("mine"), List.of(), "forged"));
        }
        runtime.register("nested", a -> AnvilServer.call("accept", new Capability(List.of("made", "here"))));
        assertThat(runtime.browser().call("nested")).isEqualTo(List.of("made", "here"));
    }

    @Test
    void cap08_theCheckPrecedesNameResolution() {
        SimulatedBrowser browser = runtime.browser();
        assertThatThrownBy(() -> browser.call("no_such_function", new Capability(List.of("x"))))
                .isInstanceOf(AnvilWrappedError.class).isNotInstanceOf(NoServerFunctionError.class);
    }

    @Test
    void cap20_aCapabilityIsBoundToTheSessionItWasIssuedTo() {
        SimulatedBrowser alice = runtime.browser();
        SimulatedBrowser bob = runtime.browser();
        Capability cap = issue(alice);
        assertRefused(bob, cap);
        assertRefused(runtime.uplink(), cap);
        assertThat(alice.call("accept", cap)).isEqualTo(List.of("doc", 42L));
    }

    @Test
    void cap15_cap16_invalidationRejectsEarlierCapabilitiesAndTellsTheBrowser() {
        SimulatedBrowser browser = runtime.browser();
        Capability before = issue(browser);
        assertThat(before.isValid()).isTrue();
        browser.call("invalidate");
        assertThat(before.isValid()).isFalse();
        assertRefused(browser, before);
        Capability after = issue(browser);
        assertThat(after.isValid()).isTrue();
        assertThat(browser.call("accept", after)).isEqualTo(List.of("doc", 42L));
    }

    @Test
    void cap07_aNarrowedInvalidCapabilityIsLocallyValidButStillRefused() {
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        browser.call("invalidate");
        Capability narrowed = cap.narrow(List.of(1));
        assertThat(narrowed.isValid()).isTrue();
        assertRefused(browser, narrowed);
    }

    @Test
    void cap15_serverSideCapabilitiesBecomeInvalidWhenServerCodeInvalidates() {
        List<Boolean> validity = new ArrayList<>();
        runtime.register("check", a -> {
            Capability received = (Capability) a.get(0);
            Capability made = new Capability(List.of("made"));
            validity.add(received.isValid());
            validity.add(made.isValid());
            AnvilServer.invalidateClientObjects();
            validity.add(received.isValid());
            validity.add(made.isValid());
            validity.add(new Capability(List.of("later")).isValid());
            validity.add(received.narrow(List.of(1)).isValid());
            return null;
        });
        SimulatedBrowser browser = runtime.browser();
        browser.call("check", issue(browser));
        assertThat(validity).containsExactly(true, true, false, false, true, true);
    }

    @Test
    void sess12_sess13_resetSessionInvalidatesWhatTheBrowserHolds() {
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        browser.resetSession();
        assertThat(cap.isValid()).isFalse();
        assertRefused(browser, cap);
        assertThat(browser.call("accept", issue(browser))).isEqualTo(List.of("doc", 42L));
    }

    @Test
    void sess12_resetSessionKeepsALiveSessionItsDataAndItsUser() {
        SimulatedBrowser browser = runtime.browser().user(Map.of("email", "ann@example.com"))
                .withSession("cart", List.of("tea"));
        String id = browser.sessionId();
        Capability cap = issue(browser);
        browser.resetSession();
        assertThat(browser.sessionId()).as("the same session (browser_ws.clj keeps a live one)").isEqualTo(id);
        assertThat(browser.sessionData()).containsEntry("cart", List.of("tea"));
        assertThat(browser.user()).isEqualTo(Map.of("email", "ann@example.com"));
        assertThat(cap.isValid()).as("what the page held is invalidated all the same").isFalse();

        runtime.faults().expireSession(browser);
        browser.resetSession();
        assertThat(browser.sessionId()).as("an expired session is replaced").isNotEqualTo(id);
        assertThat(browser.sessionData()).isEmpty();
        assertThat(browser.user()).isNull();
    }

    @Test
    void cap18_updatesFlowBackThroughNestedCallsToTheBrowser() {
        List<Object> atF = new CopyOnWriteArrayList<>();
        runtime.register("g", a -> {
            ((Capability) a.get(0)).sendUpdate(Map.of("from", "g"));
            return null;
        });
        runtime.register("f", a -> {
            Capability cap = (Capability) a.get(0);
            cap.setUpdateHandler(atF::add);
            AnvilServer.call("g", cap);
            cap.sendUpdate(Map.of("also", "f"));
            return null;
        });
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        List<Object> atBrowser = new ArrayList<>();
        cap.setUpdateHandler(atBrowser::add);
        browser.call("f", cap);
        assertThat(atF).containsExactly(Map.of("from", "g"), Map.of("also", "f"));
        assertThat(atBrowser).containsExactly(Map.of("from", "g", "also", "f"));
    }

    @Test
    void cap17_cap18_getUpdateDecidesWhatIsSentAndEmptyOrNoUpdatesAreNotSent() {
        runtime.register("counted", a -> {
            Capability cap = (Capability) a.get(0);
            AtomicInteger count = new AtomicInteger();
            cap.setUpdateHandler(u -> count.incrementAndGet(), () -> Map.of("count", count.get()));
            cap.sendUpdate("one");
            cap.sendUpdate("two");
            return null;
        });
        runtime.register("empty", a -> {
            ((Capability) a.get(0)).sendUpdate(Map.of());
            return null;
        });
        runtime.register("explicitly_empty", a -> {
            ((Capability) a.get(0)).setUpdateHandler(null, Map::of);
            return null;
        });
        runtime.register("raises", a -> {
            ((Capability) a.get(0)).sendUpdate("lost");
            throw new IllegalStateException("after the update");
        });
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        List<Object> seen = new ArrayList<>();
        cap.setUpdateHandler(seen::add);
        browser.call("counted", cap);
        browser.call("empty", cap);
        browser.call("accept", cap);
        assertThatThrownBy(() -> browser.call("raises", cap)).isInstanceOf(RuntimeException.class);
        browser.call("explicitly_empty", cap);
        assertThat(seen).containsExactly(Map.of("count", 2L), Map.of());
    }

    @Test
    void cap18_updatesGoToEveryCapabilityPassedWithThatScope() {
        runtime.register("touch", a -> {
            ((Capability) a.get(0)).sendUpdate("touched");
            return null;
        });
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        Capability narrowed = cap.narrow(List.of("x"));
        AtomicInteger plain = new AtomicInteger();
        AtomicInteger narrow = new AtomicInteger();
        cap.setUpdateHandler(u -> plain.incrementAndGet());
        narrowed.setUpdateHandler(u -> narrow.incrementAndGet());
        browser.call("touch", cap, narrowed, List.of(cap));
        assertThat(plain).as("passed twice, with the scope that got the update").hasValue(2);
        assertThat(narrow).as("another scope").hasValue(0);
    }

    @Test
    void cap18_anUnserialisableUpdateFailsTheCallAsItsReturnValueWould() {
        runtime.register("bad_update", a -> {
            AnvilServer.session().put("written", true);
            ((Capability) a.get(0)).sendUpdate(new Object());
            return null;
        });
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        AtomicReference<Object> seen = new AtomicReference<>();
        cap.setUpdateHandler(seen::set);
        assertThatThrownBy(() -> browser.call("bad_update", cap)).isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Cannot serialize return value from function.");
        assertThat(seen.get()).isNull();
        assertThat(browser.sessionData()).doesNotContainKey("written");
    }

    @Test
    void cap19_theBrowsersSendUpdateOnlyCallsItsHandler() {
        SimulatedBrowser browser = runtime.browser();
        Capability cap = issue(browser);
        List<Object> seen = new ArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        cap.setUpdateHandler(seen::add, () -> {
            asked.incrementAndGet();
            return "ignored";
        });
        cap.sendUpdate("local");
        browser.call("accept", cap);
        assertThat(seen).containsExactly("local");
        assertThat(asked).hasValue(0);
    }
}
