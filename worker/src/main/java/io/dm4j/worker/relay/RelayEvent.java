package io.dm4j.worker.relay;

/**
 * One complete event read from a relay file, with its original bytes (header, body and checksum).
 *
 * @param subDir the relay sub-directory it is in
 * @param file   the binlog file (upstream name)
 * @param start  its offset in the file, which is its offset in the upstream file
 * @param raw    its bytes as the upstream wrote them
 */
public record RelayEvent(String subDir, String file, long start, byte[] raw) {
    public long end() {
        return start + raw.length;
    }

    public int type() {
        return RawEvents.type(raw);
    }
}
