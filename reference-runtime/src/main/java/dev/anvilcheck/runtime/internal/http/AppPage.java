package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.server.AppResponse;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page a {@code @route} serves when it returns a {@code FormResponse} or an
 * {@code AppResponder}'s response (HTTP-19): an HTML document with the meta tags in its head and
 * what the app is to open as JSON in a {@code <script type="application/json" id="anvil-app">}
 * element ({@code action}: {@code open_form}, {@code open_module} or {@code run_app}; the form or
 * module; its arguments; and the startup data). Values that JSON cannot hold are written as text.
 */
final class AppPage {
    private AppPage() {}

    static String render(AppResponse app) {
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("action", app.form() != null ? "open_form" : app.module() != null ? "open_module" : "run_app");
        open.put("form", app.form());
        open.put("module", app.module());
        open.put("args", app.args());
        open.put("kwargs", app.kwargs());
        open.put("startup_data", app.data());
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
        app.meta().forEach((name, content) -> html.append("<meta name=\"").append(escape(name))
                .append("\" content=\"").append(escape(content)).append("\">"));
        html.append("</head><body><script type=\"application/json\" id=\"anvil-app\">")
                .append(new String(Json.encode(jsonSafe(open)), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("</", "<\\/"))
                .append("</script></body></html>\n");
        return html.toString();
    }

    private static Object jsonSafe(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), jsonSafe(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(jsonSafe(v)));
            return out;
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
