package io.dm4j.common.tls;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.ServerSession;
import com.mysql.cj.protocol.SocketConnection;
import com.mysql.cj.protocol.StandardSocketFactory;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocket;

/**
 * Connector/J socket factory ({@code socketFactory} property) that checks {@code cert-allowed-cn} on every TLS
 * handshake of every JDBC connection, pooled or not: the driver does its own handshake (chain to {@code ssl-ca}, host
 * name), then the server certificate's CN must be in the list, before the driver sends the login (so the password
 * never reaches a server with another CN).
 *
 * <p>The driver creates the factory by class name, so it finds the {@link DbTls} of the connection by the key store
 * file that {@link DbTls#applyTo} registered (one random file per DbTls instance). A connection whose key store is
 * not registered is refused: the check fails closed.
 */
public final class AllowedCnSocketFactory extends StandardSocketFactory {
    /** The value of Connector/J's {@code socketFactory} property (a string: loading this class needs the driver). */
    static final String CLASS_NAME = "io.dm4j.common.tls.AllowedCnSocketFactory";

    private static final Map<String, DbTls> BY_STORE_URL = new ConcurrentHashMap<>();

    static void register(String storeUrl, DbTls tls) {
        BY_STORE_URL.put(storeUrl, tls);
    }

    @Override
    public <T extends Closeable> T performTlsHandshake(SocketConnection connection, ServerSession session, Log log)
            throws IOException {
        T socket = super.performTlsHandshake(connection, session, log);
        String address = host + ":" + port;
        try {
            DbTls tls = registered(connection.getPropertySet());
            if (tls == null) {
                throw new IOException(address + ": cert-allowed-cn is set but its TLS setting is unknown to this process");
            }
            tls.checkCommonName((SSLSocket) socket, address);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private static DbTls registered(PropertySet properties) {
        for (PropertyKey key : new PropertyKey[] {PropertyKey.trustCertificateKeyStoreUrl,
                PropertyKey.clientCertificateKeyStoreUrl}) {
            String url = properties.getStringProperty(key).getValue();
            DbTls tls = url == null ? null : BY_STORE_URL.get(url);
            if (tls != null) {
                return tls;
            }
        }
        return null;
    }
}
