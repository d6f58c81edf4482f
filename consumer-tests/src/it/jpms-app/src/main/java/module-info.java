// An app whose server code is a named module: it reads the API module, exports its server module
// to it (the binder calls the annotated methods by reflection) and opens the package of its
// portable class (whose fields cross by reflection).
module com.example.shop {
    requires dev.anvilcheck.server.api;

    exports com.example.shop;
    opens com.example.shop to dev.anvilcheck.server.api;
}
