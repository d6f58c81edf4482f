package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.python.TypeError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Serves the app from a {@code @route}, with startup data and meta tags
 * ({@code anvil.server.AppResponder(data=None, meta=None)}): {@link #loadForm}, {@link #loadModule}
 * and {@link #loadApp} give the {@link AppResponse} the route returns (HTTP-19); the browser that
 * loads the page reads {@code data} as {@code anvil.server.startup_data} (MISC-03). Python's
 * constructor takes only the keywords {@code data} and {@code meta}; {@link #of(Object...)} is that
 * constructor, with its {@code TypeError}s (MISC-04).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class AppResponder {
    private final Object data;
    private final Map<String, String> meta;

    /**
     * A responder with startup data and meta tags.
     *
     * @param data the startup data, a value that can cross the wire, or {@code null}
     * @param meta meta tag names and values, or {@code null}
     */
    public AppResponder(Object data, Map<String, String> meta) {
        this.data = data;
        this.meta = meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    /**
     * Python's constructor call {@code AppResponder(*args, **kwargs)}: only the keywords
     * {@code data} and {@code meta}, given as a trailing {@link Kwargs}, are accepted (MISC-04).
     *
     * @param args the arguments as written, e.g. {@code kw("data", 42)}
     * @return the responder
     * @throws TypeError on a positional argument ("AppResponder() takes keyword arguments only") or
     *     another keyword ("AppResponder() got an unexpected keyword argument 'x'"), or a
     *     {@code meta} that is not a map of strings
     */
    public static AppResponder of(Object... args) {
        Arguments arguments = Arguments.fromVarargs(args);
        if (!arguments.args().isEmpty()) {
            throw new TypeError("AppResponder() takes keyword arguments only");
        }
        for (String key : arguments.kwargs().keySet()) {
            if (!key.equals("data") && !key.equals("meta")) {
                throw new TypeError("AppResponder() got an unexpected keyword argument '" + key + "'");
            }
        }
        Object meta = arguments.kw("meta");
        Map<String, String> tags = new LinkedHashMap<>();
        if (meta instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                    throw new TypeError("AppResponder meta must map strings to strings, got " + e);
                }
                tags.put(k, v);
            }
        } else if (meta != null) {
            throw new TypeError("AppResponder meta must be a dict, not " + meta.getClass().getSimpleName());
        }
        return new AppResponder(arguments.kw("data"), tags);
    }

    /**
     * The startup data.
     *
     * @return the data, or {@code null}
     */
    public Object data() {
        return data;
    }

    /**
     * The meta tags.
     *
     * @return the tags, read-only
     */
    public Map<String, String> meta() {
        return meta;
    }

    /**
     * Opens a Form as the page ({@code load_form(form, *args, **kwargs)}).
     *
     * @param form the Form's name
     * @param args its arguments, optionally followed by a {@link Kwargs}
     * @return the response for the route to return
     */
    public AppResponse loadForm(String form, Object... args) {
        if (form == null) {
            throw new TypeError("load_form() needs a form name (str), not None");
        }
        Arguments arguments = Arguments.fromVarargs(args);
        return new AppResponse(form, arguments.args(), arguments.kwargs(), null, data, meta);
    }

    /**
     * Opens a module as the page ({@code load_module(name)}).
     *
     * @param module the module's name
     * @return the response for the route to return
     */
    public AppResponse loadModule(String module) {
        if (module == null) {
            throw new TypeError("load_module() needs a module name (str), not None");
        }
        return new AppResponse(null, null, null, module, data, meta);
    }

    /**
     * Loads the app at its startup Form or module ({@code load_app()}).
     *
     * @return the response for the route to return
     */
    public AppResponse loadApp() {
        return new AppResponse(null, null, null, null, data, meta);
    }

    @Override
    public String toString() {
        return "AppResponder[data=" + data + ", meta=" + meta + "]";
    }
}
