package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MACs of the task handles the uplink server sends as LiveObjects (Uplink protocol §4.6): an
 * HMAC-SHA256 of the task id under a key of this server's, so that a client uplink can use only the
 * handles it was given, as a browser holds only the tasks server code returned to it (TASK-17), and
 * cannot name other tasks by id.
 */
final class TaskMacs {
    private final SecretKeySpec key;

    @OutsideTheSpecification("the key's randomness: a MAC not made with this key is refused whatever the key, and no"
            + " test can tell a random key from a fixed one without knowing it")
    TaskMacs() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The MAC of the handle of task {@code id}. */
    String sign(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code mac} is the MAC of the handle of task {@code id}. */
    boolean valid(String id, Object mac) {
        return mac instanceof String m && MessageDigest.isEqual(m.getBytes(StandardCharsets.UTF_8),
                sign(id).getBytes(StandardCharsets.UTF_8));
    }
}
