package io.dm4j.proto.tls;

import io.dm4j.common.errors.RpcErrors;
import io.dm4j.common.tls.CertNames;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trust manager that first lets {@code delegate} check the chain (to ssl-ca, and host name on the client side),
 * then refuses a peer whose leaf certificate's CN is not in {@code cert-allowed-cn}. For transports that only take a
 * {@link javax.net.ssl.TrustManager} (the masters' Raft peer traffic); an empty list allows every CN.
 */
public final class AllowedCnTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(AllowedCnTrustManager.class);
    private final X509ExtendedTrustManager delegate;
    private final List<String> allowedCommonNames;
    /** CNs refused so far: each is logged once, the transport retries the handshake often. */
    private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();

    public AllowedCnTrustManager(X509ExtendedTrustManager delegate, List<String> allowedCommonNames) {
        this.delegate = delegate;
        this.allowedCommonNames = List.copyOf(allowedCommonNames);
    }

    /** Refuses {@code chain} when cert-allowed-cn is set and does not list the CN of its leaf. */
    void checkCommonName(X509Certificate[] chain, String peer) throws CertificateException {
        if (allowedCommonNames.isEmpty()) {
            return;
        }
        String cn = chain == null || chain.length == 0 ? null : CertNames.commonName(chain[0]);
        if (cn == null || !allowedCommonNames.contains(cn)) {
            String refused = RpcErrors.CERT_CN_NOT_ALLOWED.error(peer, cn == null ? "(none)" : cn, allowedCommonNames).getMessage();
            if (loggedRefusals.add(String.valueOf(cn))) {
                LOG.warn("refusing TLS peer: {}", refused);
            }
            throw new CertificateException(refused);
        }
    }

    private static String peer(Socket s) {
        return s == null ? "(unknown)" : String.valueOf(s.getRemoteSocketAddress());
    }

    private static String peer(SSLEngine e) {
        return e == null || e.getPeerHost() == null ? "(unknown)" : e.getPeerHost() + ":" + e.getPeerPort();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        checkCommonName(chain, "(unknown)");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        checkCommonName(chain, "(unknown)");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
        checkCommonName(chain, peer(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        checkCommonName(chain, peer(socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
        checkCommonName(chain, peer(engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        checkCommonName(chain, peer(engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
