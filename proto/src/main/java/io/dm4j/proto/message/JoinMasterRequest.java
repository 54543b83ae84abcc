package io.dm4j.proto.message;

/**
 * A new master asks to join the cluster ({@code --join}).
 *
 * @param peerAddr   host:port of its Raft transport (advertise-peer-urls)
 * @param clientAddr host:port dmctl and workers reach it at (advertise-addr)
 */
public record JoinMasterRequest(String name, String peerAddr, String clientAddr) {
}
