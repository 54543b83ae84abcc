package io.dm4j.common.position;

/** Placeholder: implemented by the positions work package. */
public final class MysqlGtidSet implements GtidSet {
    public static MysqlGtidSet parse(String text) { throw new UnsupportedOperationException("not yet"); }
    public MysqlGtidSet add(String uuid, long gno) { throw new UnsupportedOperationException(); }
    @Override public Flavor flavor() { return Flavor.MYSQL; }
    @Override public boolean contains(GtidSet other) { throw new UnsupportedOperationException(); }
    @Override public GtidSet union(GtidSet other) { throw new UnsupportedOperationException(); }
    @Override public GtidSet subtract(GtidSet other) { throw new UnsupportedOperationException(); }
    @Override public boolean isEmpty() { throw new UnsupportedOperationException(); }
}
