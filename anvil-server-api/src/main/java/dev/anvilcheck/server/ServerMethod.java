package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a method of a portable class as always running on the server
 * ({@code @anvil.server.server_method}, PORT-10, PORT-11). A runtime that knows the class
 * registers the method as a server function named
 * {@code anvil.server_side/<registered name>.<method>}; client code invoking it makes a server
 * call with the instance ({@code self}) as the first argument, and the server checks that the
 * first argument is an instance of the declaring class (raising {@code TypeError} otherwise)
 * before it runs the method on it. A {@code static} server method is Python's classmethod form:
 * its first parameter must be a {@code Class<?>}, which receives the class the call was made on,
 * a subclass of the declaring class. The remaining parameters bind like those of a
 * {@link Callable} method. {@link PortableClasses#serverMethodName(Class, String)} names the
 * function, and raises {@code RuntimeError} when the method is not a server method of a
 * registered portable class (PORT-11).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface ServerMethod {
    /**
     * Whether a user must be logged in to call the method (AUTH-01), as {@link Callable#requireUser()}.
     *
     * @return true to require a user
     */
    boolean requireUser() default false;

    /**
     * A predicate the logged-in user must satisfy (AUTH-02), as {@link Callable#requireUserWhere()}.
     *
     * @return the predicate's class, with a public no-argument constructor
     */
    Class<? extends UserPredicate> requireUserWhere() default UserPredicate.class;
}
