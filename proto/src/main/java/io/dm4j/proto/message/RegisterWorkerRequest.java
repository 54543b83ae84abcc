package io.dm4j.proto.message;

/**
 * A worker announces itself to the master (DM: register + keepalive lease).
 *
 * @param address             where the master reaches the worker (its advertise-addr)
 * @param keepaliveTtlSeconds after this long without {@link KeepAliveRequest} the master declares the worker offline
 */
public record RegisterWorkerRequest(String name, String address, long keepaliveTtlSeconds) {
}
