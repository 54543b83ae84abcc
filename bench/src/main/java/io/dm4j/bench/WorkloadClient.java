package io.dm4j.bench;

import io.dm4j.common.model.TableId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * One upstream client of the workload. It owns the ids {@code ≡ client (mod clients)} of every table, so clients never
 * wait on each other's rows, and its seeded {@link Random} makes its sequence of statements the same on every run.
 * The mix, counted in rows: about 60% inserted (multi-row INSERTs of 10-50 rows), 30% updated (single-row UPDATEs by
 * primary key, some of them in multi-statement transactions), 10% deleted.
 */
final class WorkloadClient implements Callable<WorkloadClient.Counts> {
    private static final double INSERT_SHARE = 0.6;
    private static final double UPDATE_SHARE = 0.3;
    private static final double DELETE_SHARE = 0.1;
    /** A unique-key value moved here still cannot collide with any id (ids stay far below). */
    private static final int UK_SHIFT = 1_000_000_000;
    private static final LocalDateTime EPOCH = LocalDateTime.of(2020, 1, 1, 0, 0);
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-";
    private static final String[] WIDE = {"é", "ß", "ü", "中", "文", "ø"};

    /** Rows really changed (the server's "rows affected"), by kind, and the transactions that made them. */
    record Counts(long inserted, long updated, long deleted, long transactions) {
        long total() {
            return inserted + updated + deleted;
        }

        Counts plus(Counts o) {
            return new Counts(inserted + o.inserted, updated + o.updated, deleted + o.deleted, transactions + o.transactions);
        }
    }

    private final Endpoint upstream;
    private final String schema;
    private final int client;
    private final int clients;
    private final long quota;
    private final Random rnd;
    private final List<String> tables = BenchTables.names();
    private final LiveIds[] live = new LiveIds[BenchTables.COUNT];
    private long inserted;
    private long updated;
    private long deleted;
    private long transactions;

    WorkloadClient(Endpoint upstream, String schema, int client, int clients, long quota, long seed) {
        this.upstream = upstream;
        this.schema = schema;
        this.client = client;
        this.clients = clients;
        this.quota = quota;
        this.rnd = new Random(seed * 1_000_003L + client);
        for (int i = 0; i < live.length; i++) {
            live[i] = new LiveIds();
        }
    }

    @Override
    public Counts call() throws SQLException {
        try (Connection c = upstream.connect(schema)) {
            c.setAutoCommit(true);
            while (inserted + updated + deleted < quota) {
                switch (nextKind()) {
                    case 0 -> {
                        insertRows(c, rnd.nextInt(tables.size()), 10 + rnd.nextInt(41));
                        transactions++;
                    }
                    case 1 -> {
                        if (rnd.nextInt(100) < 80) {
                            updateRow(c, anyLiveTable());
                            transactions++;
                        } else {
                            mixedTransaction(c);
                        }
                    }
                    default -> {
                        if (rnd.nextInt(100) < 70) {
                            deleteRow(c, anyLiveTable());
                            transactions++;
                        } else {
                            deleteTransaction(c);
                        }
                    }
                }
            }
        }
        return new Counts(inserted, updated, deleted, transactions);
    }

    /** 0 insert, 1 update, 2 delete: the kind furthest below its share so far, with a little noise. */
    private int nextKind() {
        double total = inserted + updated + deleted + 1;
        double[] deficit = {
                INSERT_SHARE * total - inserted + rnd.nextDouble() * 4,
                UPDATE_SHARE * total - updated + rnd.nextDouble() * 4,
                DELETE_SHARE * total - deleted + rnd.nextDouble() * 4};
        int kind = 0;
        for (int k = 1; k < deficit.length; k++) {
            if (deficit[k] > deficit[kind]) {
                kind = k;
            }
        }
        return kind != 0 && liveRows() < 64 ? 0 : kind;
    }

    private long liveRows() {
        long n = 0;
        for (LiveIds l : live) {
            n += l.size;
        }
        return n;
    }

    private int anyLiveTable() {
        int t = rnd.nextInt(tables.size());
        while (live[t].size == 0) {
            t = (t + 1) % tables.size();
        }
        return t;
    }

    /** BEGIN; 2-6 single-row UPDATEs over several tables, sometimes a small INSERT and a DELETE; COMMIT. */
    private void mixedTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            int statements = 2 + rnd.nextInt(5);
            for (int i = 0; i < statements; i++) {
                updateRow(c, anyLiveTable());
            }
            if (rnd.nextInt(100) < 30) {
                insertRows(c, rnd.nextInt(tables.size()), 1 + rnd.nextInt(3));
            }
            if (rnd.nextInt(100) < 30) {
                deleteRow(c, anyLiveTable());
            }
            c.commit();
            transactions++;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** BEGIN; 2-5 single-row DELETEs; COMMIT. */
    private void deleteTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            int statements = 2 + rnd.nextInt(4);
            for (int i = 0; i < statements && liveRows() > 0; i++) {
                deleteRow(c, anyLiveTable());
            }
            c.commit();
            transactions++;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void insertRows(Connection c, int table, int count) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quoted(table)).append(" (")
                .append(BenchTables.COLUMNS).append(") VALUES ");
        String row = "(" + "?,".repeat(BenchTables.COLUMN_COUNT - 1) + "?)";
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ",").append(row);
        }
        int[] ids = new int[count];
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (int i = 0; i < count; i++) {
                int id = live[table].nextId(client, clients);
                ids[i] = id;
                ps.setInt(p++, id);
                ps.setInt(p++, id);
                ps.setString(p++, text(8, 40));
                if (rnd.nextInt(100) < 20) {
                    ps.setNull(p++, Types.VARCHAR);
                } else {
                    ps.setString(p++, text(0, 120));
                }
                ps.setInt(p++, rnd.nextInt(1000));
                ps.setBigDecimal(p++, price());
                ps.setString(p++, datetime());
                if (rnd.nextBoolean()) {
                    ps.setNull(p++, Types.VARCHAR);
                } else {
                    ps.setString(p++, datetime());
                }
            }
            inserted += ps.executeUpdate();
        }
        for (int id : ids) {
            live[table].add(id);
        }
    }

    /** Changes every non-key column it touches (qty always grows), so the server always counts the row as changed. */
    private void updateRow(Connection c, int table) throws SQLException {
        LiveIds ids = live[table];
        int id = ids.get(rnd.nextInt(ids.size));
        boolean moveUk = rnd.nextInt(100) < 10;
        String sql = "UPDATE " + quoted(table) + " SET name = ?, qty = qty + ?, price = ?, updated = ?"
                + (moveUk ? ", uk = ?" : "") + " WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setString(p++, text(8, 40));
            ps.setInt(p++, 1 + rnd.nextInt(10));
            ps.setBigDecimal(p++, price());
            ps.setString(p++, datetime());
            if (moveUk) {
                ps.setInt(p++, ids.toggleUk(id, clients) ? id + UK_SHIFT : id);
            }
            ps.setInt(p, id);
            updated += ps.executeUpdate();
        }
    }

    private void deleteRow(Connection c, int table) throws SQLException {
        LiveIds ids = live[table];
        int id = ids.removeAt(rnd.nextInt(ids.size));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + quoted(table) + " WHERE id = ?")) {
            ps.setInt(1, id);
            deleted += ps.executeUpdate();
        }
    }

    private String quoted(int table) {
        return TableId.quote(tables.get(table));
    }

    private String text(int min, int max) {
        int len = min + rnd.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(rnd.nextInt(50) == 0 ? WIDE[rnd.nextInt(WIDE.length)]
                    : String.valueOf(ALPHABET.charAt(rnd.nextInt(ALPHABET.length()))));
        }
        return sb.toString();
    }

    private BigDecimal price() {
        return BigDecimal.valueOf(rnd.nextInt(100_000_000), 2);
    }

    private String datetime() {
        return EPOCH.plusSeconds(rnd.nextInt(5 * 365 * 24 * 3600)).format(DATETIME);
    }

    /** The ids of one table this client has inserted and not yet deleted, and which of them have a moved unique key. */
    private static final class LiveIds {
        private int[] ids = new int[1024];
        private int size;
        private int nextSeq;
        private final BitSet ukMoved = new BitSet();

        int nextId(int client, int clients) {
            return nextSeq++ * clients + client + 1;
        }

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        int get(int index) {
            return ids[index];
        }

        int removeAt(int index) {
            int id = ids[index];
            ids[index] = ids[--size];
            return id;
        }

        /** Flips where the row's unique key lives; true when it is now moved away from its id. */
        boolean toggleUk(int id, int clients) {
            int bit = (id - 1) / clients;
            ukMoved.flip(bit);
            return ukMoved.get(bit);
        }
    }
}
