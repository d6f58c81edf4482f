package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Makes a class portable: its instances, and the class object itself, may cross a call boundary
 * by value ({@code @anvil.server.portable_class}, PORT-01..12). The registered name is
 * {@link #value()}, or by default the class's binary name ({@link Class#getName()}, e.g.
 * {@code com.example.Invoices$Line}): the Java analogue of Python's {@code module.ClassName}, the
 * package standing for the module (PORT-01). An annotated class is registered process-wide in
 * {@link PortableClasses#global()} the first time it is needed, which is Python's import of the
 * module that declares it: when one of its instances is sent, or when a receiver meets its name
 * and loads the class of that name (PORT-02, PORT-08). The annotation is not inherited: a
 * subclass must be registered itself (PORT-06).
 *
 * <p>By default an instance is sent as a map of its non-static, non-transient fields, declared in
 * the class and its superclasses, each copied by the rules of a value (PORT-03), and reconstructed
 * without running any constructor: the object is allocated as Java deserialisation does and its
 * fields are set (PORT-04). A record is the one exception: its fields can only be set by its
 * canonical constructor, which therefore runs, as in Java's own deserialisation of records.
 * A class may customise both sides with methods recognised by their parameter types (PORT-04,
 * PORT-05), any access modifier:
 * <ul>
 *   <li>{@code Object serialize(SerializationInfo info)}: what is sent instead of the fields
 *       ({@code __serialize__});</li>
 *   <li>{@code void deserialize(Object data, SerializationInfo info)}: called on the new,
 *       constructor-less instance with what {@code serialize} returned, after it crossed
 *       ({@code __deserialize__});</li>
 *   <li>{@code static T newDeserialized(Object data, SerializationInfo info)}, declared in the
 *       class itself: creates the instance from the data instead ({@code __new_deserialized__}).</li>
 * </ul>
 *
 * <pre>{@code
 * @PortableClass
 * public final class Money {
 *     private final long cents;
 *     private final String currency;
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@API(status = STABLE, since = "0.1")
public @interface PortableClass {
    /**
     * The registered name; empty means the class's binary name (PORT-01).
     *
     * @return the name
     */
    String value() default "";
}
