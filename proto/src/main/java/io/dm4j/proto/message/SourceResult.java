package io.dm4j.proto.message;

/** One source's (or worker's) part of an answer, DM's {@code CommonWorkerResponse}: result, message, source, worker. */
public record SourceResult(boolean result, String msg, String source, String worker) {

    public static SourceResult ok(String source, String worker) {
        return new SourceResult(true, "", source, worker);
    }

    public static SourceResult failed(String source, String worker, String msg) {
        return new SourceResult(false, msg, source, worker);
    }
}
