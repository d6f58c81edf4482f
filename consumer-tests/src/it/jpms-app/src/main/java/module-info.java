// An app whose server code is a named module: it reads the API module only, and exports its
// server module to it (the binder calls the annotated methods by reflection).
module com.example.greetings {
    requires dev.anvilcheck.server.api;

    exports com.example;
}
