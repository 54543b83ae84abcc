package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.FUNCTIONAL;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Errors of the RPC layer between dmctl, dm-master and dm-worker (11200-11249). Transport trouble that a later
 * attempt may get past (timeouts, lost or refused connections, a busy or closing server) is retryable; protocol
 * and configuration mistakes are not.
 */
public final class RpcErrors {
    private RpcErrors() {
    }

    public static final ErrorCode TIMEOUT = new ErrorCode(11200, "ErrRPCTimeout", FUNCTIONAL, INTERNAL, MEDIUM,
            "call %s to %s got no response within %d ms",
            "Check that the peer process is alive and not overloaded; raise rpc-timeout if the operation is"
                    + " legitimately slow. The peer may still have executed the call.", true);
    public static final ErrorCode CONNECTION_LOST = new ErrorCode(11201, "ErrRPCConnectionLost", FUNCTIONAL, INTERNAL,
            MEDIUM, "connection to %s was lost before call %s got its response: %s",
            "The peer may or may not have executed the call; check its state, then retry.", true);
    public static final ErrorCode UNAVAILABLE = new ErrorCode(11202, "ErrRPCUnavailable", FUNCTIONAL, INTERNAL, HIGH,
            "cannot send call %s: no connection to any of %s (last error: %s)",
            "Check that the address is right, that the process is running and listening there, and that the TLS"
                    + " settings (ssl-ca, ssl-cert, ssl-key, cert-allowed-cn) match on both sides.", true);
    public static final ErrorCode UNKNOWN_METHOD = new ErrorCode(11203, "ErrRPCUnknownMethod", FUNCTIONAL, INTERNAL,
            HIGH, "method %s is not served here; known methods: %s",
            "Run the same dm4j version on dmctl, dm-master and dm-worker.", false);
    public static final ErrorCode FRAME_TOO_LARGE = new ErrorCode(11204, "ErrRPCFrameTooLarge", FUNCTIONAL, INTERNAL,
            HIGH, "%s of %d bytes exceeds the maximum frame size of %d bytes",
            "Send a smaller request, or raise the maximum frame size on both sides.", false);
    public static final ErrorCode UNSUPPORTED_VERSION = new ErrorCode(11205, "ErrRPCUnsupportedVersion", FUNCTIONAL,
            INTERNAL, HIGH, "envelope version %s is not supported; this process speaks version %d",
            "Run the same dm4j version on dmctl, dm-master and dm-worker.", false);
    public static final ErrorCode MALFORMED_MESSAGE = new ErrorCode(11206, "ErrRPCMalformedMessage", FUNCTIONAL,
            INTERNAL, HIGH, "received an unreadable message: %s",
            "Check that the peer is a dm4j process of the same version (and not, e.g., a TLS peer talking to a"
                    + " plain-text port).", false);
    public static final ErrorCode BAD_PAYLOAD = new ErrorCode(11207, "ErrRPCBadPayload", FUNCTIONAL, INTERNAL, HIGH,
            "the %s of method %s cannot be read as %s: %s",
            "Run the same dm4j version on dmctl, dm-master and dm-worker.", false);
    public static final ErrorCode SERVER_BUSY = new ErrorCode(11208, "ErrRPCServerBusy", FUNCTIONAL, INTERNAL, MEDIUM,
            "server rejected call %s: %d calls are already queued",
            "Retry later; if it persists, the server is overloaded or a handler is stuck.", true);
    public static final ErrorCode SERVER_CLOSING = new ErrorCode(11209, "ErrRPCServerClosing", FUNCTIONAL, INTERNAL,
            MEDIUM, "server rejected call %s: it is shutting down",
            "Retry against another member or after the process has restarted.", true);
    public static final ErrorCode CLIENT_CLOSED = new ErrorCode(11210, "ErrRPCClientClosed", FUNCTIONAL, INTERNAL,
            MEDIUM, "call %s failed: the RPC client for %s is closed",
            "The process is shutting down its connection; create a new client to call again.", false);
    public static final ErrorCode TLS_CONFIG = new ErrorCode(11211, "ErrRPCTLSConfig", FUNCTIONAL, INTERNAL, HIGH,
            "%s",
            "ssl-ca, ssl-cert and ssl-key must name readable PEM files; ssl-cert and ssl-key go together; the key"
                    + " must be unencrypted PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 RSA (BEGIN RSA PRIVATE KEY).", false);
    public static final ErrorCode CERT_CN_NOT_ALLOWED = new ErrorCode(11212, "ErrRPCCertCNNotAllowed", FUNCTIONAL,
            INTERNAL, HIGH, "peer %s presented a certificate with CN %s, which is not in cert-allowed-cn %s",
            "Issue the peer a certificate with an allowed common name, or add its CN to cert-allowed-cn.", false);
    public static final ErrorCode INVALID_ADDRESS = new ErrorCode(11213, "ErrRPCInvalidAddress", FUNCTIONAL, INTERNAL,
            HIGH, "invalid address %s: %s",
            "Give addresses as host:port (IPv6 as [addr]:port), several separated by commas.", false);
    public static final ErrorCode BIND = new ErrorCode(11214, "ErrRPCBind", FUNCTIONAL, INTERNAL, HIGH,
            "cannot listen on %s: %s",
            "Check that no other process uses the port and that the host is an address of this machine.", false);
    public static final ErrorCode INVALID_OPTION = new ErrorCode(11215, "ErrRPCInvalidOption", FUNCTIONAL, INTERNAL,
            HIGH, "invalid RPC option %s = %s: %s", "Correct the option as the message says.", false);
}
