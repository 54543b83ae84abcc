package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import io.dm4j.common.tls.DbTls;
import java.io.IOException;
import java.net.SocketException;

/**
 * Applies {@code from.security} to the replica connection: with {@code ssl-ca} TLS is required and the server
 * certificate must chain to it, name the host and carry an allowed CN (checked by {@link DbTls#upgrade}); without a
 * security section the stream uses TLS when the server offers it, as the JDBC connections do.
 */
final class BinlogTls {
    private BinlogTls() {
    }

    static void apply(BinaryLogClient c, DbTls tls, String host, int port) {
        if (!tls.configured()) {
            c.setSSLMode(SSLMode.PREFERRED);
            return;
        }
        // VERIFY_IDENTITY makes the library check the host name as well; the socket factory already does, with ssl-ca.
        c.setSSLMode(tls.verifiesServer() ? SSLMode.VERIFY_IDENTITY : SSLMode.REQUIRED);
        c.setSslSocketFactory(socket -> {
            try {
                return tls.upgrade(socket, host, port);
            } catch (SocketException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                var verify = tls.verifyFailure(host + ":" + port, e);
                SocketException se = new SocketException(verify != null ? verify.getMessage() : e.getMessage());
                se.initCause(e);
                throw se;
            }
        });
    }
}
