package io.dm4j.master.ha;

import io.dm4j.common.errors.HaErrors;
import io.dm4j.proto.tls.JsseManagers;
import io.dm4j.proto.tls.TlsConfig;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual TLS for the masters' Raft peer traffic, from the master's own ssl-ca / ssl-cert / ssl-key: every member
 * presents its certificate and accepts only peers whose chain ends at ssl-ca and whose CN is in cert-allowed-cn
 * (when set). The same settings serve the Ratis server and the admin clients of {@link RaftNode}.
 */
final class PeerTls {
    private static final Logger LOG = LoggerFactory.getLogger(PeerTls.class);

    private PeerTls() {
    }

    /**
     * Ratis parameters for {@code tls}: empty (plaintext peers) when TLS is off. Mutual TLS needs ssl-ca and a
     * certificate; a group of {@code members} > 1 without both is refused, while a master alone (its RPC port with
     * server-only TLS, as before) keeps a plaintext peer port that no other master uses.
     */
    static Parameters parameters(TlsConfig tls, int members) {
        Parameters p = new Parameters();
        if (!tls.enabled()) {
            return p;
        }
        if (tls.caFile() == null || !tls.hasCertificate()) {
            String missing = "only " + (tls.caFile() == null ? "ssl-cert/ssl-key" : "ssl-ca")
                    + " is set: a member must both present a certificate and verify the other members' against ssl-ca";
            if (members > 1) {
                throw HaErrors.PEER_TLS.error(missing);
            }
            LOG.warn("the Raft peer port of this single master stays plaintext: {}; give ssl-ca, ssl-cert and ssl-key"
                    + " before adding masters", missing);
            return p;
        }
        GrpcConfigKeys.TLS.setConf(p, new GrpcTlsConfig(JsseManagers.keyManager(tls), JsseManagers.trustManager(tls), true));
        return p;
    }
}
