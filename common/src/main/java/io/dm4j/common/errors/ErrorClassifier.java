package io.dm4j.common.errors;

/** Turns any failure into a {@link DmException} and decides whether the task checker may retry it. */
public final class ErrorClassifier {
    private ErrorClassifier() {
    }

    /** The throwable itself when it already is a {@link DmException}, else wrapped as {@link CommonErrors#UNKNOWN}. */
    public static DmException toDm(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DmException dm) {
                return dm;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return CommonErrors.UNKNOWN.wrap(t, msg);
    }

    /** Whether an automatic resume may help; unknown failures are not retried blindly. */
    public static boolean isRetryable(Throwable t) {
        return toDm(t).retryable();
    }
}
