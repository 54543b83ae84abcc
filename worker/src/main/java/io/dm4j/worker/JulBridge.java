package io.dm4j.worker;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Routes java.util.logging (used by the binlog client library) into SLF4J, once per process. */
public final class JulBridge {
    private JulBridge() {
    }

    public static synchronized void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
