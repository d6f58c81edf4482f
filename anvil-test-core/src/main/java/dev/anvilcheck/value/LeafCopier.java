package dev.anvilcheck.value;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.WireError;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Copies the values that are not containers, by the rules {@link Crossing} states (SER-01,
 * SER-04..09, MEDIA-01..05, PORT-03..07, SESS-04, CAP-08, TASK-17): numbers widened to
 * {@link Long} or {@link Double}, date-times as the wire carries them, in-memory Media copied or
 * refused by the copy's purpose, capabilities through the copy's {@link CapabilityTranslator},
 * task handles by reference, and a portable object or class object as a {@link Placeholder} whose
 * data {@link Copier} copies; everything else is refused. Both walks, {@link Copier}'s recursion and
 * {@link DeepCopy}'s explicit stack, end here.
 */
final class LeafCopier {
    private LeafCopier() {}

    /**
     * Copies a value that is not a container, met by the explicit-stack walk: the data of a
     * portable object met there is walked with tracking from its first level.
     */
    static Object copyLeaf(Object value, Rules rules) {
        return copyLeaf(value, rules, Copier.TRACKING_DEPTH);
    }

    /** Copies a value that is not a container, {@code depth} containers deep. */
    static Object copyLeaf(Object value, Rules rules, int depth) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double || value instanceof LocalDate) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return copyBigInteger(big);
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof OffsetDateTime t) {
            return wireDateTime(t);
        }
        if (value instanceof LocalDateTime t) {
            return wireDateTime(t.atOffset(rules.sender.zone().getRules().getOffset(t)));
        }
        if (value instanceof ZonedDateTime t) {
            return wireDateTime(t.toOffsetDateTime());
        }
        if (value instanceof LazyMedia lazy) {
            return lazy.reference();
        }
        if (value instanceof Media media) {
            return copyMedia(media, rules);
        }
        if (value instanceof Capability c) {
            return rules.capabilities().translate(c);
        }
        if (value instanceof Task task) {
            return task;
        }
        return copyObject(value, rules, depth);
    }

    /**
     * In-memory Media: refused where it may not be stored (MEDIA-05, SESS-04); otherwise a copy
     * with the same content type, name and bytes (MEDIA-01), or, if its bytes cannot be read, a
     * copy that raises that error when they are (MEDIA-03).
     */
    private static Media copyMedia(Media media, Rules rules) {
        switch (rules.purpose) {
            case Rules.SESSION:
                throw Refusal.sessionMedia();
            case Rules.TASK_STATE:
                throw Refusal.taskStateMedia();
            case Rules.TASK_RETURN:
            case Rules.COOKIE:
                throw Refusal.storedMedia();
            default:
                break;
        }
        if (media instanceof BlobMedia blob) {
            return blob.copy(); // its bytes never change, so the copy shares them (no copy of the content)
        }
        String contentType = media.contentType();
        String name = media.name();
        byte[] bytes;
        try {
            bytes = media.getBytes();
        } catch (Exception e) {
            return new UndeliveredMedia(contentType, name, WireError.of(e));
        }
        return new BlobMedia(contentType, bytes, name);
    }

    /** Any size of integer crosses exactly; 64-bit values become {@link Long} (SER-06). */
    private static Object copyBigInteger(BigInteger value) {
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value.getClass() == BigInteger.class ? value : new BigInteger(value.toByteArray());
    }

    /**
     * A date-time as the wire carries it: microseconds, and an offset of whole minutes at the
     * same instant (SER-08, Uplink protocol §4.3).
     */
    private static OffsetDateTime wireDateTime(OffsetDateTime t) {
        int offsetSeconds = t.getOffset().getTotalSeconds();
        if (offsetSeconds % 60 != 0) {
            t = t.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offsetSeconds / 60 * 60));
        }
        return t.getNano() % 1000 == 0 ? t : t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An object of a class that is none of the built-in value kinds: a portable object or class
     * object the sender knows becomes a placeholder holding its name and copied data
     * (PORT-03, PORT-05, PORT-07); an unregistered subclass of a portable class is refused
     * (PORT-06); every other object is refused (SER-04).
     */
    private static Object copyObject(Object value, Rules rules, int depth) {
        PortableClasses classes = rules.sender.classes();
        if (value instanceof OpaquePortable opaque) {
            Placeholder p = new Placeholder(opaque.typeName(), false,
                    Copier.copyValue(opaque.data(), rules, depth + 1));
            rules.portables().add(p);
            rules.portables().relayShared(opaque.sharedData());
            return p;
        }
        if (value instanceof OpaquePortableClass opaque) {
            Placeholder p = new Placeholder(opaque.typeName(), true, null);
            rules.portables().add(p);
            return p;
        }
        if (value instanceof Class<?> type) {
            String name = classes.nameOf(type);
            if (name != null) {
                Placeholder p = new Placeholder(name, true, null);
                rules.portables().add(p);
                return p;
            }
            if (hasPortableSuperclass(type, classes)) {
                throw Refusal.unregisteredSubclass("class " + type.getName());
            }
            throw Refusal.unsupported(value);
        }
        Class<?> type = value.getClass();
        String name = classes.nameOf(type);
        if (name == null) {
            if (hasPortableSuperclass(type, classes)) {
                throw Refusal.unregisteredSubclass(type.getName());
            }
            throw Refusal.unsupported(value);
        }
        Rules.Portables portables = rules.portables();
        Refusal refused = portables.enter(value);
        if (refused != null) {
            throw refused;
        }
        try {
            Object data = classes.serialize(value, rules.info());
            Placeholder p = new Placeholder(name, false, Copier.copyValue(data, rules, depth + 1));
            portables.add(p);
            return p;
        } finally {
            portables.exit(value);
        }
    }

    private static boolean hasPortableSuperclass(Class<?> type, PortableClasses classes) {
        for (Class<?> s = type.getSuperclass(); s != null && s != Object.class; s = s.getSuperclass()) {
            if (classes.nameOf(s) != null) {
                return true;
            }
        }
        return false;
    }
}
