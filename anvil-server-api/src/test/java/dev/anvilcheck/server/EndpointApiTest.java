package dev.anvilcheck.server;

import static dev.anvilcheck.server.Kwargs.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoint API values: {@link Endpoint}, {@link AppResponder}, {@link HttpResponse} (HTTP-01..16, MISC-04). */
class EndpointApiTest {

    static class Annotated {
        @HttpEndpoint(value = "/a/:id", methods = "PUT", enableCors = true, requireCredentials = true)
        void api() {}

        @Route(value = "/r", corsOrigin = "https://x.example", crossSiteSession = true, authenticateUsers = true)
        void route() {}

        @WellknownEndpoint("/w")
        void wellknown() {}
    }

    @Test
    void endpointsReadTheirAnnotationsAndDefaults() throws Exception {
        Endpoint api = Endpoint.of(Annotated.class.getDeclaredMethod("api").getAnnotation(HttpEndpoint.class));
        assertThat(api).isEqualTo(new Endpoint(Endpoint.Kind.HTTP_ENDPOINT, "/a/:id", List.of("PUT"), "*", true,
                false, false));
        Endpoint route = Endpoint.of(Annotated.class.getDeclaredMethod("route").getAnnotation(Route.class));
        assertThat(route.allowOrigin()).isEqualTo("https://x.example");
        assertThat(route.crossSiteSession()).isTrue();
        assertThat(route.authenticateUsers()).isTrue();
        Endpoint known = Endpoint.of(Annotated.class.getDeclaredMethod("wellknown")
                .getAnnotation(WellknownEndpoint.class));
        assertThat(known).isEqualTo(Endpoint.wellknown("/w"));
        assertThat(known.methods()).isEqualTo(List.of("GET", "POST"));
        assertThat(known.allowOrigin()).isNull();
        assertThat(Endpoint.http("/x").withCors().withMethods("GET").allowOrigin()).isEqualTo("*");
        assertThatThrownBy(() -> Endpoint.wellknown("x")).isInstanceOf(ValueError.class);
        assertThat(Endpoint.Kind.HTTP_ENDPOINT.prefix()).isEqualTo("/_/api");
    }

    @Test
    void appResponderTakesOnlyDataAndMeta() {
        assertThatThrownBy(() -> AppResponder.of("x")).isInstanceOf(TypeError.class)
                .hasMessage("AppResponder() takes keyword arguments only");
        assertThatThrownBy(() -> AppResponder.of(kw("other", 1))).isInstanceOf(TypeError.class)
                .hasMessage("AppResponder() got an unexpected keyword argument 'other'");
        assertThatThrownBy(() -> AppResponder.of(kw("meta", "no"))).isInstanceOf(TypeError.class);
        AppResponder r = AppResponder.of(kw("data", 1L).and("meta", Map.of("title", "T")));
        AppResponse form = r.loadForm("F", 1L, kw("k", 2L));
        assertThat(form).isEqualTo(new AppResponse("F", List.of(1L), Map.of("k", 2L), null, 1L, Map.of("title", "T")));
        assertThat(r.loadModule("M").module()).isEqualTo("M");
        assertThat(r.loadApp().form()).isNull();
        assertThat(AppResponder.of().data()).isNull();
        assertThat(AppResponse.of(new FormResponse("H", List.of(), Map.of())).form()).isEqualTo("H");
    }

    @Test
    void httpResponseHeadersAreLowerCasedReplacedAddedAndRemoved() {
        HttpResponse r = new HttpResponse(201, "b", Map.of("X-A", "1"));
        r.setHeader("x-a", "2");
        r.addHeader("X-B", "1");
        r.addHeader("x-b", "2");
        r.removeHeader("X-C");
        assertThat(r.headers()).isEqualTo(Map.of("x-a", List.of("2"), "x-b", List.of("1", "2")));
        r.removeHeader("X-A");
        assertThat(r.headers()).containsOnlyKeys("x-b");
        HttpResponse defaults = new HttpResponse();
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.body()).isEqualTo("");
        assertThat(defaults.headers()).isEmpty();
    }
}
