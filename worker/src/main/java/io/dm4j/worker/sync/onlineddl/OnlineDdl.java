package io.dm4j.worker.sync.onlineddl;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.filter.OnlineDdlRules;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.ddl.AlterSpec;
import io.dm4j.worker.sync.ddl.DdlOperation;
import io.dm4j.worker.sync.ddl.DdlStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online schema changes (gh-ost, pt-osc) as DM handles them: the tool's ghost and trash tables are never
 * replicated as tables. DDLs on a ghost table are recorded (in memory and in {@link OnlineDdlStore}) instead of
 * executed; at the cut-over rename ({@code RENAME TABLE t TO _t_del, _t_gho TO t}) the recorded DDLs are applied to
 * the real table instead, and the part renaming the real table to trash is dropped. The rows the tool copies into
 * the ghost table are skipped ({@link #isToolTable}), since the real table downstream already has them.
 */
public final class OnlineDdl {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineDdl.class);

    private final OnlineDdlRules rules;
    private final GhostDdlRecords store;
    private final Map<TableId, List<String>> recorded;
    private final List<TableId> completed = new ArrayList<>();

    private OnlineDdl(OnlineDdlRules rules, GhostDdlRecords store, Map<TableId, List<String>> recorded) {
        this.rules = rules;
        this.store = store;
        this.recorded = new HashMap<>(recorded);
    }

    /** No online DDL handling: every table is an ordinary table. */
    public static OnlineDdl disabled() {
        return new OnlineDdl(new OnlineDdlRules(List.of(), List.of()), null, Map.of());
    }

    /** The handling a subtask asks for: {@link #disabled()} with {@code online-ddl: false}, else records downstream. */
    public static OnlineDdl forTask(SubTaskConfig task, DataSource downstream) {
        if (!task.onlineDdl()) {
            return disabled();
        }
        return open(OnlineDdlRules.of(task), new OnlineDdlStore(downstream, task.metaSchema(), task.name(), task.sourceId()));
    }

    /** Creates the record table if needed and loads what an earlier run recorded. */
    static OnlineDdl open(OnlineDdlRules rules, GhostDdlRecords store) {
        Map<TableId, List<String>> recorded = store.open();
        if (!recorded.isEmpty()) {
            LOG.info("online DDL in progress from an earlier run: {}", recorded);
        }
        return new OnlineDdl(rules, store, recorded);
    }

    /** Whether rows of {@code table} are the tool's (ghost or trash) and are not replicated. */
    public boolean isToolTable(TableId table) {
        return rules.isToolTable(table);
    }

    /**
     * The statements of one query event that remain to be executed: DDLs on ghost and trash tables are taken out
     * (those on a ghost table recorded), a cut-over rename is replaced by the recorded DDLs on the real table.
     * Call {@link #applied()} once the returned statements were executed.
     *
     * @param selected whether the task replicates a (real) table
     * @param parse    parses one statement text (with qualified names) into statements
     */
    public List<DdlStatement> rewrite(List<DdlStatement> statements, Predicate<TableId> selected,
                                      Function<String, List<DdlStatement>> parse) {
        completed.clear();
        List<DdlStatement> out = new ArrayList<>();
        for (DdlStatement ddl : statements) {
            Optional<DdlOperation.RenameTable> rename = renameOf(ddl.operation());
            if (rename.isPresent()) {
                DdlOperation.RenameTable r = rename.get();
                Optional<TableId> real = rules.realOfGhost(r.from());
                if (real.isPresent() && !rules.isToolTable(r.to())) {
                    out.addAll(cutOver(r.from(), r.to(), parse));
                } else if (!rules.isToolTable(r.from()) && !rules.isToolTable(r.to())) {
                    out.add(ddl);
                } else {
                    LOG.info("online DDL: not replicating the rename {} → {}", r.from(), r.to());
                }
                continue;
            }
            TableId subject = ddl.table();
            Optional<TableId> real = subject.isSchemaOnly() ? Optional.empty() : rules.realOfGhost(subject);
            if (real.isPresent()) {
                onGhost(subject, real.get(), ddl, selected);
            } else if (!subject.isSchemaOnly() && rules.isTrash(subject)) {
                LOG.debug("online DDL: not replicating DDL on trash table {}", subject);
            } else {
                out.add(ddl);
            }
        }
        return out;
    }

    /** RENAME TABLE a TO b, or ALTER TABLE a RENAME TO b alone (gh-ost's two-step cut-over). */
    private static Optional<DdlOperation.RenameTable> renameOf(DdlOperation op) {
        if (op instanceof DdlOperation.RenameTable r) {
            return Optional.of(r);
        }
        if (op instanceof DdlOperation.AlterTable a && a.specs().size() == 1 && a.specs().get(0) instanceof AlterSpec.RenameTable r) {
            return Optional.of(new DdlOperation.RenameTable(a.table(), r.newName()));
        }
        return Optional.empty();
    }

    /** Forgets the records of the cut-overs {@link #rewrite} replaced, now that their DDLs were executed. */
    public void applied() {
        for (TableId ghost : completed) {
            forget(ghost);
        }
        completed.clear();
    }

    private void onGhost(TableId ghost, TableId real, DdlStatement ddl, Predicate<TableId> selected) {
        DdlOperation op = ddl.operation();
        if (op instanceof DdlOperation.CreateTable || op instanceof DdlOperation.DropTable) {
            // a new online change starts (or an old one is cleaned up / aborted): nothing recorded yet
            forget(ghost);
            return;
        }
        boolean changesStructure = op instanceof DdlOperation.AlterTable || op instanceof DdlOperation.CreateIndex
                || op instanceof DdlOperation.DropIndex;
        if (!changesStructure || !selected.test(real)) {
            return;
        }
        String sql = ddl.render();
        List<String> ddls = new ArrayList<>(recorded.getOrDefault(ghost, List.of()));
        if (ddls.contains(sql)) {
            return; // replayed after a restart from an earlier checkpoint: recorded already
        }
        ddls.add(sql);
        store.save(ghost, ddls);
        recorded.put(ghost, List.copyOf(ddls));
        LOG.info("online DDL: recorded for {} (ghost {}): {}", real, ghost, io.dm4j.common.daemon.LogRedaction.sql(sql));
    }

    private List<DdlStatement> cutOver(TableId ghost, TableId real, Function<String, List<DdlStatement>> parse) {
        List<String> ddls = recorded.getOrDefault(ghost, List.of());
        List<DdlStatement> out = new ArrayList<>();
        for (String sql : ddls) {
            for (DdlStatement s : parse.apply(sql)) {
                out.addAll(parse.apply(s.render(id -> id.equals(ghost) ? real : id)));
            }
        }
        LOG.info("online DDL: cut-over of {} from ghost {}: applying {} recorded DDL(s) to the real table", real, ghost, ddls.size());
        if (ddls.isEmpty()) {
            forget(ghost);
        } else {
            completed.add(ghost);
        }
        return out;
    }

    private void forget(TableId ghost) {
        if (recorded.remove(ghost) != null) {
            store.delete(ghost);
        }
    }
}
