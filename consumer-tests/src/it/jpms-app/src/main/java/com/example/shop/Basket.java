package com.example.shop;

import dev.anvilcheck.server.PortableClass;
import java.util.ArrayList;
import java.util.List;

/** A portable class: it crosses between browser and server code as itself, its fields copied. */
@PortableClass
public final class Basket {
    private final List<String> items = new ArrayList<>();

    /** The items, in the order they were added. */
    public List<String> items() {
        return List.copyOf(items);
    }

    void add(String item) {
        items.add(item);
    }
}
