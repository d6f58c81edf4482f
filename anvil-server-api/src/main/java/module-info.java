/**
 * The {@code anvil.server} API as Java types: what an app's production server code depends on.
 * Server code uses {@code server}, {@code users}, {@code secrets}, {@code media} and
 * {@code python}; runtime implementers also use {@code server.host}. It has no internal
 * packages: what hosts of server code share lives in {@code dev.anvilcheck.core}. A server module
 * exports its server classes (the binder calls their public annotated methods by reflection),
 * opens the package of any portable class to this module (its fields are read by reflection), and
 * opens to {@code dev.anvilcheck.core} too any package whose {@code @Callable} or
 * {@code @ServerMethod} methods, or {@code requireUserWhere} predicates, are not public.
 */
module dev.anvilcheck.server.api {
    requires static org.apiguardian.api;

    exports dev.anvilcheck.media;
    exports dev.anvilcheck.python;
    exports dev.anvilcheck.secrets;
    exports dev.anvilcheck.server;
    exports dev.anvilcheck.server.host;
    exports dev.anvilcheck.users;
}
