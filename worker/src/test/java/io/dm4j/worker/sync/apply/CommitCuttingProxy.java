package io.dm4j.worker.sync.apply;

import io.dm4j.testsupport.TcpProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forwarder to a MySQL server that, once armed, lets one client's {@code COMMIT} through and cuts the connection
 * as soon as the server answers: the server has committed and the client never learns it ("connection lost during
 * COMMIT"). Plain (non-TLS, uncompressed) protocol only.
 */
final class CommitCuttingProxy implements TcpProxy.Tap, AutoCloseable {
    private final TcpProxy proxy;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger cuts = new AtomicInteger();

    CommitCuttingProxy(String targetHost, int targetPort) throws IOException {
        this.proxy = new TcpProxy(targetHost, targetPort, this);
    }

    int port() {
        return proxy.port();
    }

    /** The next COMMIT any client sends is committed by the server and its answer never delivered. */
    void armOnce() {
        armed.set(true);
    }

    /** How many connections were cut after a COMMIT. */
    int cuts() {
        return cuts.get();
    }

    @Override
    public boolean fromClient(TcpProxy.Link link, byte[] buf, int length) {
        if (isCommit(buf, length) && armed.compareAndSet(true, false)) {
            link.mark(); // before the server can answer: the answer is dropped
        }
        return true;
    }

    @Override
    public boolean fromServer(TcpProxy.Link link, byte[] buf, int length) {
        if (link.marked()) {
            cuts.incrementAndGet(); // the server answered the COMMIT: it is done; the client never hears it
            link.cut();
            return false;
        }
        return true;
    }

    /**
     * A whole COM_QUERY packet (sequence 0, command 0x03) in one read whose text is COMMIT, or ends with
     * {@code ;COMMIT} (a multi-statement transaction text), in any case.
     */
    private static boolean isCommit(byte[] buf, int n) {
        if (n < 4 + 7 || buf[3] != 0 || buf[4] != 0x03) {
            return false;
        }
        int payload = (buf[0] & 0xff) | (buf[1] & 0xff) << 8 | (buf[2] & 0xff) << 16;
        if (n != 4 + payload) {
            return false;
        }
        String tail = new String(buf, n - 6, 6, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        return tail.equals("COMMIT") && (payload == 7 || buf[n - 7] == ';');
    }

    @Override
    public void close() throws IOException {
        proxy.close();
    }
}
