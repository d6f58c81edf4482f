package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Registers a method as a server function callable by name ({@code @anvil.server.callable}).
 * The name defaults to the method's name (CALL-24); {@link #value()} overrides it.
 * {@link #requireUser()} demands a logged-in user (AUTH-01); {@link #requireUserWhere()} also
 * checks the user with a predicate (AUTH-02). Parameters bind positional arguments in order and
 * keyword arguments by name, so server code must be compiled with {@code -parameters} (a method
 * whose parameter names are missing is refused when its module is registered); parameters of type
 * {@link CallContext} and {@link Session} are injected instead. Calling the method directly in
 * Java bypasses every check, as in Python (CALL-22).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@API(status = STABLE, since = "0.1")
public @interface Callable {
    /**
     * The registered name; empty means the method's name.
     *
     * @return the name
     */
    String value() default "";

    /**
     * Whether a user must be logged in (AUTH-01).
     *
     * @return true to require a user
     */
    boolean requireUser() default false;

    /**
     * A predicate the logged-in user must satisfy (AUTH-02); {@code UserPredicate.class} means
     * none. Setting it implies {@link #requireUser()}.
     *
     * @return the predicate's class, with a public no-argument constructor
     */
    Class<? extends UserPredicate> requireUserWhere() default UserPredicate.class;
}
