/**
 * Media values ({@code anvil.Media}, {@code anvil.BlobMedia}, {@code anvil.server.LazyMedia}):
 * binary content that crosses call boundaries (MEDIA-01..07); lazy Media travels by reference and
 * may be stored in the session (MEDIA-04, SESS-06).
 */
package dev.anvilcheck.media;
