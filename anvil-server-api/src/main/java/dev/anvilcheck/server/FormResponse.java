package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The value a {@code @route} function returns to open a Form as the page
 * ({@code anvil.server.FormResponse(form_name, *args, **kwargs)}); valid only from routes (HTTP-19).
 *
 * @param formName the Form to open
 * @param args the Form's positional arguments
 * @param kwargs the Form's keyword arguments
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record FormResponse(String formName, List<Object> args, Map<String, Object> kwargs) {
    /**
     * Validates the record and copies the arguments.
     *
     * @param formName the Form to open
     * @param args the positional arguments
     * @param kwargs the keyword arguments
     */
    public FormResponse {
        Objects.requireNonNull(formName, "formName");
        args = args == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        kwargs = kwargs == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
    }
}
