package io.dm4j.master.check;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.TaskConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The precheck of a task, run by dm-master for {@code check-task} and before every {@code start-task}: DM's check
 * items (and a few of dm4j's own) against each source's upstream and the task's downstream. The master runs it
 * because it holds every source's connection settings and sees all sources of a task at once (shard tables that
 * span sources); the checks need only short JDBC sessions.
 */
public final class TaskPrecheck {
    private static final Logger LOG = LoggerFactory.getLogger(TaskPrecheck.class);

    /** Every item, in the order findings are listed. */
    static List<CheckItem> allItems() {
        List<CheckItem> items = new ArrayList<>();
        items.add(new VersionCheck());
        items.add(new ServerIdCheck());
        items.addAll(BinlogVariableCheck.all());
        items.add(new BinlogRetentionCheck());
        items.add(new DumpPrivilegeCheck());
        items.add(new ReplicationPrivilegeCheck());
        items.add(new TableSchemaCheck());
        items.add(new OnlineDdlCheck());
        items.add(new ShardTablesCheck());
        items.add(new TargetTableCheck());
        items.add(new TimezoneCheck());
        items.add(new MaxAllowedPacketCheck());
        return List.copyOf(items);
    }

    private final DbConnector connector;
    private final List<CheckItem> items;

    public TaskPrecheck(DbConnector connector) {
        this(connector, allItems());
    }

    TaskPrecheck(DbConnector connector, List<CheckItem> items) {
        this.connector = connector;
        this.items = List.copyOf(items);
    }

    /** A precheck with no items: every task passes (for control-plane tests without databases). */
    public static TaskPrecheck none() {
        return new TaskPrecheck((db, section) -> {
            throw new SQLException("no checks");
        }, List.of());
    }

    /** Runs every item the task needs and does not ignore; {@code sources} are the task's sources, in its order. */
    public PrecheckReport run(TaskConfig task, List<SourceConfig> sources) {
        long started = System.nanoTime();
        Set<String> ignored = Set.copyOf(task.ignoreCheckingItems());
        Findings out = new Findings();
        if (ignored.contains("all") || items.isEmpty()) {
            return new PrecheckReport(out.results());
        }
        List<SourceUnderCheck> under = sources.stream()
                .map(s -> new SourceUnderCheck(s, task.subTask(s.sourceId()).withSource(s), connector)).toList();
        CheckedDb target = new CheckedDb("target-database (" + task.targetDatabase().address() + ")", task.targetDatabase(), "target-database",
                connector);
        CheckContext ctx = new CheckContext(task, under, target);
        try {
            for (CheckItem item : items) {
                if (ignored.contains(item.name()) || !item.appliesTo(task)) {
                    continue;
                }
                long itemStarted = System.nanoTime();
                try {
                    item.run(ctx, out);
                    LOG.debug("precheck item {} of task {} took {} ms", item.name(), task.name(),
                            (System.nanoTime() - itemStarted) / 1_000_000);
                } catch (SQLException | RuntimeException e) {
                    // one item that cannot run is its own failed finding; the other items still report
                    LOG.warn("precheck item {} of task {} could not run: {}", item.name(), task.name(), e.toString());
                    out.fail(item.name(), "task " + task.name(), "could not check: " + e.getMessage(),
                            "Check that the source and target users may read information_schema, global variables and grants;"
                                    + " name the item in ignore-checking-items to skip it.");
                }
            }
        } finally {
            under.forEach(s -> s.db.close());
            target.close();
        }
        PrecheckReport report = new PrecheckReport(out.results());
        LOG.info("precheck of task {}: {} ({} ms)", task.name(), report.summary(), (System.nanoTime() - started) / 1_000_000);
        return report;
    }
}
