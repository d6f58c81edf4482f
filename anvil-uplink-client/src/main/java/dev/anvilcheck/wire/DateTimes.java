package dev.anvilcheck.wire;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and date-times as the wire writes them (Uplink protocol §4.3; SER-07, SER-08): a date is
 * {@code YYYY-MM-DD}; a date-time is {@code YYYY-MM-DD HH:MM:SS.ffffff} with six digits of
 * microseconds, then the offset as {@code +HHMM} or {@code -HHMM}, never {@code Z}. Reading accepts
 * what the official client and server write and a little more: a {@code T} separator, zero to nine
 * fraction digits, {@code Z}, {@code +HH:MM}, and no offset at all (a naive date-time, stamped with
 * the reader's zone).
 */
final class DateTimes {
    private static final Pattern DATE = Pattern.compile("([+-]?\\d{4,9})-(\\d{2})-(\\d{2})");
    private static final Pattern DATE_TIME = Pattern.compile(
            "([+-]?\\d{4,9})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{0,9}))?"
                    + "(Z|z|[+-]\\d{2}:?\\d{2})?");

    private DateTimes() {}

    static String format(LocalDate d) {
        StringBuilder out = new StringBuilder(10);
        year(out, d.getYear());
        two(out.append('-'), d.getMonthValue());
        two(out.append('-'), d.getDayOfMonth());
        return out.toString();
    }

    static String format(OffsetDateTime t) {
        StringBuilder out = new StringBuilder(31);
        year(out, t.getYear());
        two(out.append('-'), t.getMonthValue());
        two(out.append('-'), t.getDayOfMonth());
        two(out.append(' '), t.getHour());
        two(out.append(':'), t.getMinute());
        two(out.append(':'), t.getSecond());
        int micros = t.getNano() / 1000;
        out.append('.');
        String m = Integer.toString(micros);
        for (int i = m.length(); i < 6; i++) {
            out.append('0');
        }
        out.append(m);
        int offset = t.getOffset().getTotalSeconds();
        out.append(offset < 0 ? '-' : '+');
        int abs = Math.abs(offset);
        two(out, abs / 3600);
        two(out, abs % 3600 / 60);
        return out.toString();
    }

    private static void year(StringBuilder out, int year) {
        if (year >= 0 && year <= 9999) {
            String y = Integer.toString(year);
            for (int i = y.length(); i < 4; i++) {
                out.append('0');
            }
            out.append(y);
        } else {
            out.append(year > 0 ? "+" : "").append(year);
        }
    }

    private static void two(StringBuilder out, int v) {
        if (v < 10) {
            out.append('0');
        }
        out.append(v);
    }

    /** A {@code Date} value; {@code null} for the empty string, as the platform reads it. */
    static LocalDate parseDate(String s) {
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            throw new DateTimeException("not a date: " + s);
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /**
     * A {@code DateTime} value, at microsecond precision; {@code null} for the empty string. A
     * naive value is stamped with {@code naiveZone}'s offset at that local time.
     */
    static OffsetDateTime parseDateTime(String s, ZoneId naiveZone) {
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) {
            throw new DateTimeException("not a date-time: " + s);
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        int nanos = 0;
        if (!fraction.isEmpty()) {
            StringBuilder padded = new StringBuilder(fraction);
            while (padded.length() < 9) {
                padded.append('0');
            }
            nanos = Integer.parseInt(padded.toString()) / 1000 * 1000;
        }
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)), nanos);
        String zone = m.group(8);
        ZoneOffset offset;
        if (zone == null) {
            offset = naiveZone.getRules().getOffset(local);
        } else if (zone.equalsIgnoreCase("Z")) {
            offset = ZoneOffset.UTC;
        } else {
            String digits = zone.replace(":", "");
            int sign = digits.charAt(0) == '-' ? -1 : 1;
            int hours = Integer.parseInt(digits.substring(1, 3));
            int minutes = Integer.parseInt(digits.substring(3, 5));
            offset = ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
        }
        return OffsetDateTime.of(local, offset);
    }
}
