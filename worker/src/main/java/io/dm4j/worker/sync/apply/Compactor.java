package io.dm4j.worker.sync.apply;

import io.dm4j.worker.sync.model.ChangeType;
import io.dm4j.worker.sync.model.RowChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges changes of the same row inside one batch, with DM's compactor rules:
 * <pre>
 * INSERT + UPDATE  => INSERT of the last image
 * UPDATE + UPDATE  => UPDATE from the first old image to the last new image
 * INSERT + DELETE  => DELETE          (the row may exist downstream from an earlier run)
 * UPDATE + DELETE  => DELETE of the original image
 * DELETE + INSERT  => INSERT in safe mode (REPLACE)
 * </pre>
 * An UPDATE that changes the identity (primary key / not-null unique key) is first split into DELETE of the old row
 * and INSERT of the new one, each compacted on its own (when neither half merged, the UPDATE is kept as it was).
 * Tables without an identity key are never compacted.
 *
 * <p>Unlike DM, a change is merged only when no change between the two touched any key (old or new, any unique
 * key) of either: moving a change across such a change could break a unique-key swap. A merged change keeps the
 * causality keys of both (a DELETE + INSERT that becomes one REPLACE still releases the deleted row's unique values
 * where it runs), so {@link RunPlanner} never moves a later change that takes such a value before it.
 */
final class Compactor {
    private Compactor() {
    }

    static List<QueuedChange> compact(List<QueuedChange> batch) {
        List<QueuedChange> out = new ArrayList<>(batch.size());
        Map<List<Object>, Integer> lastOfIdentity = new HashMap<>();
        Map<String, Integer> lastTouch = new HashMap<>();
        List<Split> splits = new ArrayList<>();
        for (QueuedChange qc : batch) {
            RowChange c = qc.change();
            if (!c.schema().hasIdentityKey()) {
                append(out, qc, null, lastOfIdentity, lastTouch);
            } else if (RowKeys.identityChanged(c)) {
                RowChange del = new RowChange(ChangeType.DELETE, c.source(), c.target(), c.schema(), c.before(), null,
                        c.extraColumns(), c.extraValues());
                RowChange ins = new RowChange(ChangeType.INSERT, c.source(), c.target(), c.schema(), null, c.after(),
                        c.extraColumns(), c.extraValues());
                QueuedChange delPart = new QueuedChange(del, qc.safeMode());
                QueuedChange insPart = new QueuedChange(ins, qc.safeMode());
                int at = out.size();
                place(out, delPart, lastOfIdentity, lastTouch);
                place(out, insPart, lastOfIdentity, lastTouch);
                splits.add(new Split(qc, delPart, insPart, at));
            } else {
                place(out, qc, lastOfIdentity, lastTouch);
            }
        }
        rejoinUnmergedSplits(out, splits);
        List<QueuedChange> result = new ArrayList<>(out.size());
        for (QueuedChange q : out) {
            if (q != null) {
                result.add(q);
            }
        }
        return result;
    }

    /** An identity-changing UPDATE and the two halves it was split into. */
    private record Split(QueuedChange update, QueuedChange deletePart, QueuedChange insertPart, int at) {
    }

    /**
     * When neither half of a split UPDATE was merged with anything, the halves still sit next to each other:
     * the original UPDATE does the same in one statement.
     */
    private static void rejoinUnmergedSplits(List<QueuedChange> out, List<Split> splits) {
        for (Split sp : splits) {
            int i = sp.at();
            if (i + 1 < out.size() && out.get(i) == sp.deletePart() && out.get(i + 1) == sp.insertPart()) {
                out.set(i, sp.update());
                out.set(i + 1, null);
            }
        }
    }

    private static void place(List<QueuedChange> out, QueuedChange cur, Map<List<Object>, Integer> lastOfIdentity,
                              Map<String, Integer> lastTouch) {
        RowChange c = cur.change();
        List<Object> id = RowKeys.identity(c, c.type() == ChangeType.INSERT ? c.after() : c.before());
        Integer p = lastOfIdentity.get(id);
        if (p != null) {
            QueuedChange prev = out.get(p);
            QueuedChange merged = prev == null ? null : merge(prev, cur);
            if (merged != null && untouchedSince(p, prev, cur, lastTouch)) {
                out.set(p, merged);
                for (String k : cur.causalityKeys()) {
                    lastTouch.put(k, p);
                }
                return;
            }
        }
        append(out, cur, id, lastOfIdentity, lastTouch);
    }

    private static void append(List<QueuedChange> out, QueuedChange qc, List<Object> id,
                               Map<List<Object>, Integer> lastOfIdentity, Map<String, Integer> lastTouch) {
        int idx = out.size();
        out.add(qc);
        if (id != null) {
            lastOfIdentity.put(id, idx);
        }
        for (String k : qc.causalityKeys()) {
            lastTouch.put(k, idx);
        }
    }

    /** No change after position {@code p} touched a key of the two changes being merged. */
    private static boolean untouchedSince(int p, QueuedChange prev, QueuedChange cur, Map<String, Integer> lastTouch) {
        for (QueuedChange q : List.of(prev, cur)) {
            for (String k : q.causalityKeys()) {
                Integer t = lastTouch.get(k);
                if (t != null && t > p) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The merged change, carrying the causality keys of both, or null when the pair cannot be merged (an order the
     * upstream cannot produce).
     */
    static QueuedChange merge(QueuedChange prev, QueuedChange cur) {
        RowChange merged = mergedChange(prev, cur);
        if (merged == null) {
            return null;
        }
        boolean safe = prev.safeMode() || cur.safeMode()
                || merged.type() == ChangeType.INSERT && prev.change().type() == ChangeType.DELETE;
        Set<String> keys = new LinkedHashSet<>(prev.causalityKeys());
        keys.addAll(cur.causalityKeys());
        return new QueuedChange(merged, safe, null, List.copyOf(keys));
    }

    private static RowChange mergedChange(QueuedChange prev, QueuedChange cur) {
        RowChange p = prev.change();
        RowChange c = cur.change();
        ChangeType pt = p.type();
        ChangeType ct = c.type();
        if (ct == ChangeType.UPDATE && pt == ChangeType.INSERT) {
            return with(c, ChangeType.INSERT, null, c.after());
        }
        if (ct == ChangeType.UPDATE && pt == ChangeType.UPDATE) {
            return with(c, ChangeType.UPDATE, p.before(), c.after());
        }
        if (ct == ChangeType.DELETE && pt != ChangeType.DELETE) {
            return with(c, ChangeType.DELETE, p.type() == ChangeType.UPDATE ? p.before() : c.before(), null);
        }
        if (ct == ChangeType.INSERT && pt == ChangeType.DELETE) {
            return with(c, ChangeType.INSERT, null, c.after()); // in safe mode (REPLACE): the row may still exist
        }
        return null;
    }

    private static RowChange with(RowChange c, ChangeType type, Object[] before, Object[] after) {
        Objects.requireNonNull(type);
        return new RowChange(type, c.source(), c.target(), c.schema(), before, after, c.extraColumns(),
                c.extraValues());
    }
}
