package io.dm4j.proto.message;

/**
 * The plain answer of control-plane calls that return no data, as in DM's {@code CommonWorkerResponse}:
 * whether the operation succeeded and a human message (empty on success).
 */
public record CommonResponse(boolean result, String msg) {

    public static CommonResponse ok() {
        return new CommonResponse(true, "");
    }

    public static CommonResponse failed(String msg) {
        return new CommonResponse(false, msg);
    }
}
