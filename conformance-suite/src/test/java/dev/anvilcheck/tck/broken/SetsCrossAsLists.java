package dev.anvilcheck.tck.broken;

import java.util.ArrayList;
import java.util.Set;

/** Breaks SER-04: sets are sent as lists instead of raising SerializationError. */
@Breaks(value = "SER-04", bug = "sets sent as lists")
public final class SetsCrossAsLists extends ArgumentRewriting {
    @Override
    protected Object rewrite(Object value) {
        return value instanceof Set<?> set ? new ArrayList<>(set) : value;
    }
}
