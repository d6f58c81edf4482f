/**
 * The Anvil Uplink wire protocol: the exact JSON text frames and binary Media frames that the
 * official Python uplink client and the Anvil server exchange over a WebSocket (the project's
 * Uplink protocol reference, §2..§5). {@link dev.anvilcheck.wire.Message} names every message;
 * {@link dev.anvilcheck.wire.WireCodec} encodes them, copying values by the value model
 * ({@link dev.anvilcheck.value.Crossing}) so that a value refused in memory is refused on the wire
 * with the same error (SER-01..15), and makes one {@link dev.anvilcheck.wire.Decoder} per
 * connection, which gives back the value model's canonical values and holds messages until their
 * Media chunks arrive (MEDIA-01..03). {@link dev.anvilcheck.wire.LiveObjects} decides how task
 * handles travel (TASK-17). The codec knows no sockets: a transport feeds it frames and writes the
 * frames of {@link dev.anvilcheck.wire.Encoded} messages to a {@link dev.anvilcheck.wire.FrameSink}.
 */
package dev.anvilcheck.wire;
