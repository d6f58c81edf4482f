package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks SER-10: a list whose items are equal lists or dicts (as a tuple of one list twice is sent)
 * arrives with one object referenced twice, as a deserialiser that memoised values would build it.
 */
@Breaks(value = "SER-10", bug = "tuples/lists arrive with their items aliased")
public final class TwiceReferencedValuesArriveAliased extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            List<Object> received = new ArrayList<>();
            for (Object arg : arguments.args()) {
                received.add(arg instanceof List<?> list ? aliased(list) : arg);
            }
            return body.invoke(new Arguments(received, arguments.kwargs()));
        });
    }

    private static List<Object> aliased(List<?> list) {
        List<Object> out = new ArrayList<>();
        for (Object item : list) {
            Object earlier = out.stream().filter(o -> (o instanceof List<?> || o instanceof java.util.Map<?, ?>)
                    && o.equals(item)).findFirst().orElse(item);
            out.add(earlier);
        }
        return out;
    }
}
