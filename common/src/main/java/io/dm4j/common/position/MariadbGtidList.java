package io.dm4j.common.position;

/** Placeholder: implemented by the positions work package. */
public final class MariadbGtidList implements GtidSet {
    public static MariadbGtidList parse(String text) { throw new UnsupportedOperationException("not yet"); }
    public MariadbGtidList advance(long domain, long server, long seq) { throw new UnsupportedOperationException(); }
    @Override public Flavor flavor() { return Flavor.MARIADB; }
    @Override public boolean contains(GtidSet other) { throw new UnsupportedOperationException(); }
    @Override public GtidSet union(GtidSet other) { throw new UnsupportedOperationException(); }
    @Override public GtidSet subtract(GtidSet other) { throw new UnsupportedOperationException(); }
    @Override public boolean isEmpty() { throw new UnsupportedOperationException(); }
}
