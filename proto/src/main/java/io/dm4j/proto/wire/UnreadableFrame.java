package io.dm4j.proto.wire;

import io.dm4j.common.errors.DmException;

/**
 * Passed up the pipeline instead of an {@link Envelope} when a frame cannot be used (too large, malformed, unknown
 * envelope version). The connection stays usable; the receiver answers or fails call {@code id} with {@code error}.
 */
public record UnreadableFrame(long id, DmException error) {
}
