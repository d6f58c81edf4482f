package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks SER-09: a naive datetime a caller sends arrives naive, not stamped with the caller's UTC
 * offset (the receiving side drops the offset the sender should have added).
 */
@Breaks(value = "SER-09", bug = "naive datetimes not stamped with the sender's offset")
public final class NaiveDatetimesNotStamped extends DelegatingProvider {
    private static final ThreadLocal<List<Integer>> NAIVE = new ThreadLocal<>();

    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        List<Integer> naive = new ArrayList<>();
        for (int i = 0; i < arguments.args().size(); i++) {
            if (arguments.args().get(i) instanceof LocalDateTime) {
                naive.add(i);
            }
        }
        NAIVE.set(naive);
        try {
            return super.call(caller, fnName, arguments);
        } finally {
            NAIVE.remove();
        }
    }

    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            List<Integer> naive = NAIVE.get();
            NAIVE.remove();
            if (naive == null || naive.isEmpty()) {
                return body.invoke(arguments);
            }
            List<Object> received = new ArrayList<>(arguments.args());
            for (int i : naive) {
                if (received.get(i) instanceof OffsetDateTime stamped) {
                    received.set(i, stamped.toLocalDateTime());
                }
            }
            return body.invoke(new Arguments(received, arguments.kwargs()));
        });
    }

    @Override
    protected RuntimeUnderTest startReference() {
        return referenceOnTheCallersThread();
    }
}
