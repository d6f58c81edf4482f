package dev.anvilcheck.tck.broken;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Breaks SER-07: a date is sent as a datetime at midnight UTC. */
@Breaks(value = "SER-07", bug = "dates sent as midnight datetimes")
public final class DatesSentAsDatetimes extends ArgumentRewriting {
    @Override
    protected Object rewrite(Object value) {
        return value instanceof LocalDate date ? date.atStartOfDay().atOffset(ZoneOffset.UTC) : value;
    }
}
