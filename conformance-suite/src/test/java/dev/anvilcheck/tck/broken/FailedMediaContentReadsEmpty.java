package dev.anvilcheck.tck.broken;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks MEDIA-03: Media whose content the sender failed to deliver arrives with empty content,
 * instead of raising the transmitted error when read.
 */
@Breaks(value = "MEDIA-03", bug = "Media whose upload failed reads as empty instead of raising")
public final class FailedMediaContentReadsEmpty extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            List<Object> received = new ArrayList<>();
            for (Object arg : arguments.args()) {
                received.add(arg instanceof Media media ? readable(media) : arg);
            }
            return body.invoke(new Arguments(received, arguments.kwargs()));
        });
    }

    private static Media readable(Media media) {
        try {
            media.getBytes();
            return media;
        } catch (RuntimeException e) {
            return new BlobMedia(media.contentType(), new byte[0], media.name());
        }
    }
}
