package io.dm4j.proto.rpc;

import java.util.Objects;

/**
 * A method name with its request and response record types, declared once and shared by the client and the
 * server so both sides agree on the types.
 */
public record RpcMethod<Q, R>(String name, Class<Q> requestType, Class<R> responseType) {

    public RpcMethod {
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responseType, "responseType");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an RPC method needs a name");
        }
    }

    public static <Q, R> RpcMethod<Q, R> of(String name, Class<Q> requestType, Class<R> responseType) {
        return new RpcMethod<>(name, requestType, responseType);
    }
}
