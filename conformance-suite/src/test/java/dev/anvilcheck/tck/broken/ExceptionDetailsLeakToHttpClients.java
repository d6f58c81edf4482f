package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;

/** Breaks HTTP-17: a 500 caused by an exception tells the client the exception. */
@Breaks(value = "HTTP-17", bug = "500 responses leak the exception's details")
public final class ExceptionDetailsLeakToHttpClients extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        return response.status() == 500 && response.text().startsWith("An exception was raised")
                ? withBody(response, "java.lang.IllegalStateException: boom\n\tat Endpoint.boom(Endpoint.java:12)")
                : response;
    }
}
