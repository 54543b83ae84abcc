package io.dm4j.proto.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dm4j.proto.ProtoJson;

import java.io.IOException;

/**
 * The version and id of an envelope that cannot be read as a whole (too large, malformed, or of a later version),
 * read with a streaming parser from as many bytes as are at hand. Senders write {@code v} and {@code id} first, so
 * a short prefix suffices; an id cut off by the end of the prefix is not trusted.
 *
 * @param version the {@code v} field, or null when not found
 * @param id      the {@code id} field, or 0 when not found
 */
public record EnvelopeHeader(Integer version, long id) {

    public static EnvelopeHeader peek(byte[] bytes, int length) {
        Integer version = null;
        long id = 0;
        try (JsonParser p = ProtoJson.mapper().getFactory().createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new EnvelopeHeader(null, 0);
            }
            JsonToken token = p.nextToken();
            while (token == JsonToken.FIELD_NAME && (version == null || id == 0)) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                Long idCandidate = null;
                if (value == JsonToken.VALUE_NUMBER_INT && "v".equals(name)) {
                    version = p.getValueAsInt();
                } else if (value == JsonToken.VALUE_NUMBER_INT && "id".equals(name)) {
                    idCandidate = p.getLongValue();
                } else {
                    p.skipChildren();
                }
                // throws when the value ran into the end of the prefix: a number there may be truncated
                token = p.nextToken();
                if (idCandidate != null) {
                    id = idCandidate;
                }
            }
        } catch (IOException | RuntimeException endOfPrefixOrGarbage) {
            // keep what was found before the parser stopped
        }
        return new EnvelopeHeader(version, id);
    }
}
