/**
 * Media values ({@code anvil.Media}, {@code anvil.BlobMedia}): binary content that crosses call
 * boundaries (MEDIA-01..07).
 */
package dev.anvilcheck.media;
