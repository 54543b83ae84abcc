package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.DumpErrors;
import io.dm4j.common.position.Flavor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The choice of snapshot method per flavor, mode and the privileges the source user has. */
class ConsistencyPlanTest {

    /** A server that grants some privileges and whose lock-free MariaDB start lines up or not. */
    private static final class Server implements ConsistencyPlan.Attempt {
        final Set<SnapshotMethod> granted;
        final boolean aligns;
        final List<SnapshotMethod> tried = new ArrayList<>();

        Server(Set<SnapshotMethod> granted, boolean aligns) {
            this.granted = granted;
            this.aligns = aligns;
        }

        @Override
        public DumpSnapshot run(SnapshotMethod method) throws LockDenied {
            tried.add(method);
            return switch (method) {
                case ALIGNED_SNAPSHOT -> aligns ? snapshot(method) : null;
                case FLUSH, LOCK -> {
                    if (!granted.contains(method)) {
                        throw new LockDenied(new SQLException("Access denied; you need (at least one of) the "
                                + method.privilege() + " privilege(s) for this operation", "42000", 1227));
                    }
                    yield snapshot(method);
                }
                case PER_CONNECTION -> snapshot(method);
            };
        }

        private static DumpSnapshot snapshot(SnapshotMethod m) {
            return new DumpSnapshot(List.of(), null, null, m.name(), -1);
        }
    }

    private static SnapshotMethod chosen(Consistency mode, Flavor flavor, Server server) throws SQLException {
        return SnapshotMethod.valueOf(ConsistencyPlan.open(mode, flavor, "up:3306", server).method());
    }

    @Test
    void autoOnMysqlNeverUsesALockFreeSnapshot() {
        for (Consistency mode : List.of(Consistency.AUTO)) {
            assertFalse(ConsistencyPlan.methods(mode, Flavor.MYSQL).contains(SnapshotMethod.PER_CONNECTION));
            assertFalse(ConsistencyPlan.methods(mode, Flavor.MYSQL).contains(SnapshotMethod.ALIGNED_SNAPSHOT));
            assertFalse(ConsistencyPlan.methods(mode, Flavor.MARIADB).contains(SnapshotMethod.PER_CONNECTION));
        }
    }

    @Test
    void autoOnMysqlTakesFlushWithReloadAndLockWithoutIt() throws SQLException {
        assertEquals(SnapshotMethod.FLUSH, chosen(Consistency.AUTO, Flavor.MYSQL,
                new Server(Set.of(SnapshotMethod.FLUSH, SnapshotMethod.LOCK), false)));
        Server noReload = new Server(Set.of(SnapshotMethod.LOCK), false);
        assertEquals(SnapshotMethod.LOCK, chosen(Consistency.AUTO, Flavor.MYSQL, noReload));
        assertEquals(List.of(SnapshotMethod.FLUSH, SnapshotMethod.LOCK), noReload.tried);
    }

    @Test
    void autoOnMysqlWithoutReloadAndLockTablesRefusesNamingBoth() {
        Server none = new Server(Set.of(), false);
        DmException e = assertThrows(DmException.class, () -> chosen(Consistency.AUTO, Flavor.MYSQL, none));
        assertEquals(DumpErrors.NO_CONSISTENT_METHOD, e.code());
        assertTrue(e.getMessage().contains("lacks RELOAD or LOCK TABLES"), e.getMessage());
        assertEquals(List.of(SnapshotMethod.FLUSH, SnapshotMethod.LOCK), none.tried, "no per-connection fallback");
    }

    @Test
    void autoOnMariadbPrefersTheAlignedSnapshotWithoutAnyLock() throws SQLException {
        Server s = new Server(Set.of(SnapshotMethod.FLUSH, SnapshotMethod.LOCK), true);
        assertEquals(SnapshotMethod.ALIGNED_SNAPSHOT, chosen(Consistency.AUTO, Flavor.MARIADB, s));
        assertEquals(List.of(SnapshotMethod.ALIGNED_SNAPSHOT), s.tried);
        assertEquals(SnapshotMethod.ALIGNED_SNAPSHOT, chosen(Consistency.AUTO, Flavor.MARIADB, new Server(Set.of(), true)));
    }

    @Test
    void autoOnMariadbFallsBackToLocksWhenTheSnapshotDoesNotLineUp() throws SQLException {
        assertEquals(SnapshotMethod.FLUSH, chosen(Consistency.AUTO, Flavor.MARIADB,
                new Server(Set.of(SnapshotMethod.FLUSH), false)));
        assertEquals(SnapshotMethod.LOCK, chosen(Consistency.AUTO, Flavor.MARIADB,
                new Server(Set.of(SnapshotMethod.LOCK), false)));
        DmException e = assertThrows(DmException.class, () -> chosen(Consistency.AUTO, Flavor.MARIADB,
                new Server(Set.of(), false)));
        assertEquals(DumpErrors.NO_CONSISTENT_METHOD, e.code());
        assertTrue(e.getMessage().contains("did not line up"), e.getMessage());
        assertTrue(e.getMessage().contains("RELOAD or LOCK TABLES"), e.getMessage());
    }

    @Test
    void explicitLockModesReportTheirOwnPrivilege() {
        DmException flush = assertThrows(DmException.class, () -> chosen(Consistency.FLUSH, Flavor.MYSQL,
                new Server(Set.of(SnapshotMethod.LOCK), true)));
        assertEquals(DumpErrors.GLOBAL_LOCK, flush.code());
        DmException lock = assertThrows(DmException.class, () -> chosen(Consistency.LOCK, Flavor.MARIADB,
                new Server(Set.of(SnapshotMethod.FLUSH), true)));
        assertEquals(DumpErrors.LOCK_TABLES, lock.code());
    }

    @Test
    void snapshotModeIsRefusedOnMysqlAndMayUseAWindowOnMariadb() throws SQLException {
        DmException e = assertThrows(DmException.class, () -> chosen(Consistency.SNAPSHOT, Flavor.MYSQL,
                new Server(Set.of(), true)));
        assertEquals(DumpErrors.SNAPSHOT_UNSUPPORTED, e.code());
        assertEquals(SnapshotMethod.PER_CONNECTION, chosen(Consistency.SNAPSHOT, Flavor.MARIADB,
                new Server(Set.of(), false)));
        Server none = new Server(Set.of(), false);
        assertSame(SnapshotMethod.PER_CONNECTION, chosen(Consistency.NONE, Flavor.MYSQL, none));
    }
}
