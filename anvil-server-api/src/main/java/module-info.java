/**
 * The {@code anvil.server} API as Java types: what an app's production server code depends on.
 * Server code uses {@code server}, {@code users}, {@code secrets}, {@code media} and
 * {@code python}; runtime implementers also use {@code server.host}. The two internal packages,
 * the binder and the endpoint logic every host of server code shares, are exported only to the
 * reference runtime and the Java uplink client. A server module whose classes the binder reads
 * by reflection (private constructors, non-public classes) opens its package to this module.
 */
module dev.anvilcheck.server.api {
    requires static org.apiguardian.api;

    exports dev.anvilcheck.media;
    exports dev.anvilcheck.python;
    exports dev.anvilcheck.secrets;
    exports dev.anvilcheck.server;
    exports dev.anvilcheck.server.host;
    exports dev.anvilcheck.users;

    exports dev.anvilcheck.server.internal to dev.anvilcheck.runtime, dev.anvilcheck.uplink.client;
    exports dev.anvilcheck.users.internal to dev.anvilcheck.runtime, dev.anvilcheck.uplink.client;
}
