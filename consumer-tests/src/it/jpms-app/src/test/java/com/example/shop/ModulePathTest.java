package com.example.shop;

import dev.anvilcheck.server.AnvilServer;
import org.junit.jupiter.api.Test;

/** Proves the tests beside it ran with the server code and the API as named modules. */
class ModulePathTest {
    @Test
    void serverCodeAndTheApiAreNamedModules() {
        check(Shop.class.getModule().getName(), "com.example.shop");
        check(AnvilServer.class.getModule().getName(), "dev.anvilcheck.server.api");
    }

    private static void check(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new AssertionError("module: expected " + expected + " but was " + actual);
        }
    }
}
