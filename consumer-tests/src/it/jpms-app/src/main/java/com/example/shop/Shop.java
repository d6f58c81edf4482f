package com.example.shop;

import static dev.anvilcheck.server.AnvilServer.session;

import dev.anvilcheck.server.Callable;

/** A server module of a modular app: it takes a portable object in and gives one back. */
public class Shop {
    @Callable
    public Basket add(Basket basket, String item) {
        basket.add(item);
        session().put("last_item", item);
        return basket;
    }
}
