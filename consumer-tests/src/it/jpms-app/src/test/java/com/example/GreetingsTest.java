package com.example;

import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatFunction;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.users.AuthenticationFailed;
import java.util.Map;
import org.junit.jupiter.api.Test;

@AnvilTest(modules = Greetings.class)
class GreetingsTest {
    @Test
    void greetsByNameAndRemembersIt(SimulatedBrowser browser, CallJournal journal) {
        assertThatCall(browser, "hello", "Ann").returned("Hello, Ann!");
        assertThatFunction(journal, "hello").wasCalledOnce();
        if (!"Ann".equals(browser.sessionData().get("last_name"))) {
            throw new AssertionError("session: " + browser.sessionData());
        }
    }

    @Test
    void strangersMustLogIn(SimulatedBrowser stranger, SimulatedBrowser ann) {
        assertThatCall(stranger, "whoAmI").raised(AuthenticationFailed.class);
        assertThatCall(ann.user(Map.of("email", "ann@example.com")), "whoAmI").returned("ann@example.com");
    }
}
