package com.example;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.SimulatedBrowser;
import org.junit.jupiter.api.Test;

@AnvilTest
class OldJUnitTest {
    @Test
    void aBrowserIsInjected(SimulatedBrowser browser) {
        browser.sessionData();
    }
}
