package io.dm4j.worker.sync.stream;

import io.dm4j.testsupport.TcpProxy;
import java.io.IOException;

/**
 * A TCP forwarder on loopback that can silently drop all traffic without closing anything, the way a lost network
 * looks to both ends (no FIN, no RST): only heartbeats going missing can reveal it.
 */
final class BlackholeProxy implements AutoCloseable {
    private final TcpProxy proxy;
    private volatile boolean blackhole;

    BlackholeProxy(String targetHost, int targetPort) throws IOException {
        this.proxy = new TcpProxy(targetHost, targetPort, new TcpProxy.Tap() {
            @Override
            public boolean fromClient(TcpProxy.Link link, byte[] buf, int length) {
                return !blackhole;
            }

            @Override
            public boolean fromServer(TcpProxy.Link link, byte[] buf, int length) {
                return !blackhole;
            }
        });
    }

    int port() {
        return proxy.port();
    }

    void blackhole(boolean on) {
        blackhole = on;
    }

    @Override
    public void close() throws IOException {
        proxy.close();
    }
}
