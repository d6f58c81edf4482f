package dev.anvilcheck.tck.broken;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;

/** Breaks MEDIA-01: Media returned to a caller arrives without its name. */
@Breaks(value = "MEDIA-01", bug = "Media arrives without its name")
public final class LosesMediaNames extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        Object result = super.call(caller, fnName, arguments);
        if (result instanceof Media m) {
            return new BlobMedia(m.contentType(), m.getBytes(), null);
        }
        return result;
    }
}
