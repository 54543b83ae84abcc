package io.dm4j.proto.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.proto.wire.Payloads;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The methods a server serves, by name. */
final class MethodTable {
    private final ConcurrentMap<String, Entry<?, ?>> methods = new ConcurrentHashMap<>();

    <Q, R> void register(RpcMethod<Q, R> method, RpcHandler<Q, R> handler) {
        if (handler == null) {
            throw new IllegalArgumentException("no handler given for method " + method.name());
        }
        if (methods.putIfAbsent(method.name(), new Entry<>(method, handler)) != null) {
            throw new IllegalStateException("method " + method.name() + " is already registered");
        }
    }

    Entry<?, ?> find(String name) {
        return name == null ? null : methods.get(name);
    }

    List<String> names() {
        return methods.keySet().stream().sorted().toList();
    }

    record Entry<Q, R>(RpcMethod<Q, R> method, RpcHandler<Q, R> handler) {
        /** Reads the request, runs the handler, returns the response as JSON; handler exceptions pass through. */
        JsonNode invoke(JsonNode payload, RpcCall call) throws Exception {
            Q request = Payloads.read(payload, method.requestType(), "request", method.name());
            return Payloads.toTree(handler.handle(request, call));
        }
    }
}
