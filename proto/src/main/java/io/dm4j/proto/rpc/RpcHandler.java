package io.dm4j.proto.rpc;

/**
 * Serves one method. Runs on the server's bounded handler pool, never on a Netty event loop, so it may block.
 * A {@link io.dm4j.common.errors.DmException} it throws reaches the caller with all its fields; any other
 * exception reaches the caller as {@link io.dm4j.common.errors.CommonErrors#UNKNOWN}.
 */
@FunctionalInterface
public interface RpcHandler<Q, R> {
    R handle(Q request, RpcCall call) throws Exception;
}
