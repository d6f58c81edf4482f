package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What {@link AppResponder#loadForm}, {@link AppResponder#loadModule} and
 * {@link AppResponder#loadApp} return: an instruction for a {@code @route} to serve the app as the
 * page, opening a Form, a module or the startup form, with startup data and meta tags (the
 * platform's {@code _LoadAppResponse}). Valid only from a route (HTTP-19); the browser that loads
 * the page sees {@link #data()} as {@code anvil.server.startup_data} (MISC-03). It crosses a call
 * boundary as the platform's portable class {@value #PORTABLE_NAME}.
 *
 * @param form the Form to open, or {@code null}
 * @param args the Form's positional arguments
 * @param kwargs the Form's keyword arguments
 * @param module the module to open, or {@code null}
 * @param data the startup data, or {@code null}
 * @param meta the meta tags to inject into the page, or an empty map
 * @since 0.1
 */
@PortableClass(AppResponse.PORTABLE_NAME)
@API(status = STABLE, since = "0.1")
public record AppResponse(String form, List<Object> args, Map<String, Object> kwargs, String module, Object data,
        Map<String, String> meta) {
    /**
     * The name the platform registers its {@code _LoadAppResponse} under, by which an app response
     * crosses the wire as a portable object, e.g. from an uplink's route (HTTP-19, PORT-01).
     */
    public static final String PORTABLE_NAME = "anvil.server._LoadAppResponse";

    /**
     * Validates the record and copies the collections.
     *
     * @param form the Form, or {@code null}
     * @param args the positional arguments
     * @param kwargs the keyword arguments
     * @param module the module, or {@code null}
     * @param data the startup data
     * @param meta the meta tags
     */
    public AppResponse {
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
        kwargs = kwargs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        meta = meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    /**
     * The response a {@link FormResponse} stands for: open that Form, without startup data.
     *
     * @param response the form response
     * @return the app response
     */
    public static AppResponse of(FormResponse response) {
        return new AppResponse(response.formName(), response.args(), response.kwargs(), null, null, null);
    }
}
