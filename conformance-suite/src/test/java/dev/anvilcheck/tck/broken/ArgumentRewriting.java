package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A broken runtime whose caller side rewrites every argument (positional, keyword, and the values
 * inside lists and dicts) before it is sent, as a serialiser with one bug would.
 */
abstract class ArgumentRewriting extends DelegatingProvider {
    /** Rewrites one value; lists and dicts are walked by this class. */
    protected abstract Object rewrite(Object value);

    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        List<Object> args = new ArrayList<>();
        arguments.args().forEach(a -> args.add(walk(a, this::rewrite)));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        arguments.kwargs().forEach((k, v) -> kwargs.put(k, walk(v, this::rewrite)));
        return super.call(caller, fnName, new Arguments(args, kwargs));
    }

    static Object walk(Object value, UnaryOperator<Object> rewrite) {
        Object rewritten = rewrite.apply(value);
        if (rewritten instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(v == list ? v : walk(v, rewrite)));
            return out;
        }
        if (rewritten instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, v == map ? v : walk(v, rewrite)));
            return out;
        }
        return rewritten;
    }
}
