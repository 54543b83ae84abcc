package io.dm4j.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback for failure tests: every accepted connection is forwarded to the target, and a
 * {@link Tap} sees each chunk of bytes in either direction first and decides whether it passes, so a test can
 * drop traffic silently or cut a connection at a chosen moment.
 */
public final class TcpProxy implements AutoCloseable {

    /** Decides about each chunk read from one side before it is written to the other. */
    public interface Tap {
        /** @return whether the client's bytes are forwarded to the server */
        boolean fromClient(Link link, byte[] buf, int length);

        /** @return whether the server's bytes are forwarded to the client */
        boolean fromServer(Link link, byte[] buf, int length);
    }

    /** Forwards everything both ways: a plain relay (e.g. an address that {@link #retarget} moves). */
    public static final Tap PASS = new Tap() {
        @Override
        public boolean fromClient(Link link, byte[] buf, int length) {
            return true;
        }

        @Override
        public boolean fromServer(Link link, byte[] buf, int length) {
            return true;
        }
    };

    /** One client connection and its server connection. */
    public static final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean marked;

        private Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** Remembers something about this connection for a later chunk (e.g. "a COMMIT went through"). */
        public void mark() {
            marked = true;
        }

        public boolean marked() {
            return marked;
        }

        /** Closes both sides at once. */
        public void cut() {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private final ServerSocket listener;
    private volatile String targetHost;
    private volatile int targetPort;
    private final Tap tap;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort, Tap tap) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.tap = tap;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread accept = new Thread(this::acceptLoop, "tcp-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Sends new connections to another server and cuts the open ones: what clients of a virtual IP or a DNS name
     * see when the name moves to another server (a failover).
     */
    public void retarget(String host, int port) {
        targetHost = host;
        targetPort = port;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                Link link = new Link(client, server);
                pump(link, client, server, true);
                pump(link, server, client, false);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Link link, Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    boolean pass = fromClient ? tap.fromClient(link, buf, n) : tap.fromServer(link, buf, n);
                    if (pass) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // connection closed or cut
            } finally {
                link.cut();
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sockets.forEach(TcpProxy::closeQuietly);
    }
}
