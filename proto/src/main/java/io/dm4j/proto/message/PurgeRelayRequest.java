package io.dm4j.proto.message;

/**
 * {@code purge-relay -s source --filename F [--sub-dir D]}: delete the relay log files before F (in sub-directory D,
 * default the newest), and every file of the sub-directories before it. Also the master→worker request.
 */
public record PurgeRelayRequest(String source, String filename, String subDir) {
    public PurgeRelayRequest {
        source = source == null ? "" : source;
        filename = filename == null ? "" : filename;
        subDir = subDir == null ? "" : subDir;
    }
}
