package com.example.shop;

import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.SimulatedBrowser;
import java.util.List;
import org.junit.jupiter.api.Test;

@AnvilTest(modules = Shop.class)
class ShopTest {
    @Test
    void aPortableObjectCrossesBothWaysFromAModule(SimulatedBrowser browser) {
        Basket basket = new Basket();
        basket.add("tea");
        Object returned = browser.call("add", basket, "milk");
        if (!(returned instanceof Basket b) || returned == basket || !b.items().equals(List.of("tea", "milk"))) {
            throw new AssertionError("returned: " + returned);
        }
        if (!(assertThatCall(browser, "add", new Basket(), "bread").returned().returnedValue() instanceof Basket)) {
            throw new AssertionError("not a Basket");
        }
        if (!"bread".equals(browser.sessionData().get("last_item"))) {
            throw new AssertionError("session: " + browser.sessionData());
        }
    }
}
