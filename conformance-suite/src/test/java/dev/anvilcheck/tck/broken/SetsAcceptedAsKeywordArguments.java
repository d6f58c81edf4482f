package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Breaks SER-15: a keyword argument's value is not held to the positional rules: a set crosses as a list. */
@Breaks(value = "SER-15", bug = "sets in keyword arguments cross as lists")
public final class SetsAcceptedAsKeywordArguments extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        arguments.kwargs().forEach((k, v) -> kwargs.put(k, v instanceof Set<?> set ? new ArrayList<>(set) : v));
        return super.call(caller, fnName, new Arguments(arguments.args(), kwargs));
    }
}
