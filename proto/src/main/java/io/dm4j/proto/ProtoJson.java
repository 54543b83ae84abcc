package io.dm4j.proto;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the wire protocol. Records map natively; unknown properties are ignored so that an older
 * process can read messages a newer one extended (forward compatibility). Do not reconfigure the returned mapper:
 * every RPC endpoint of the process shares it.
 */
public final class ProtoJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ProtoJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
