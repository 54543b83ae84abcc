package io.dm4j.worker.sync.onlineddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.filter.OnlineDdlRules;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.ddl.DdlParser;
import io.dm4j.worker.sync.ddl.DdlStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statement rewriting of online DDL on gh-ost's and pt-osc's statement texts, with the records in memory. */
class OnlineDdlTest {
    static final OnlineDdlRules RULES = new OnlineDdlRules(List.of(TaskConfig.DEFAULT_SHADOW_TABLE_RULE),
            List.of(TaskConfig.DEFAULT_TRASH_TABLE_RULE));
    static final TableId GHOST = new TableId("d", "_t_gho");

    static final class Memory implements GhostDdlRecords {
        final Map<TableId, List<String>> rows = new HashMap<>();

        @Override
        public Map<TableId, List<String>> open() {
            return new HashMap<>(rows);
        }

        @Override
        public void save(TableId ghost, List<String> ddls) {
            rows.put(ghost, List.copyOf(ddls));
        }

        @Override
        public void delete(TableId ghost) {
            rows.remove(ghost);
        }
    }

    final DdlParser parser = new DdlParser();
    final Memory records = new Memory();

    List<String> rewrite(OnlineDdl o, String sql) {
        List<DdlStatement> in = parser.parse("d", sql).statements();
        return o.rewrite(in, t -> true, q -> parser.parse("", q).statements()).stream().map(DdlStatement::render).toList();
    }

    @Test
    void ghostDdlIsRecordedAndTheCutOverAppliesItToTheRealTable() {
        OnlineDdl o = OnlineDdl.open(RULES, records);
        assertEquals(List.of(), rewrite(o, "CREATE TABLE `_t_ghc` (id INT PRIMARY KEY)"));
        assertEquals(List.of(), rewrite(o, "CREATE TABLE `_t_gho` LIKE `t`"));
        assertEquals(List.of(), rewrite(o, "ALTER TABLE `_t_gho` ADD COLUMN c INT"));
        assertEquals(List.of(), rewrite(o, "ALTER TABLE `_t_gho` ADD COLUMN c INT"), "a replay is recorded once");
        assertEquals(1, records.rows.get(GHOST).size(), records.rows.toString());
        assertEquals(List.of("ALTER TABLE `d`.`t` ADD COLUMN c INT"),
                rewrite(o, "RENAME TABLE `t` TO `_t_del`, `_t_gho` TO `t`"));
        assertTrue(records.rows.containsKey(GHOST), "kept until the replacement was executed");
        o.applied();
        assertFalse(records.rows.containsKey(GHOST));
        assertEquals(List.of(), rewrite(o, "DROP TABLE IF EXISTS `_t_del`"));
        assertTrue(o.isToolTable(new TableId("d", "_t_ghc")) && o.isToolTable(GHOST) && !o.isToolTable(new TableId("d", "t")));
    }

    @Test
    void aRestartFindsTheRecordedDdl() {
        OnlineDdl first = OnlineDdl.open(RULES, records);
        rewrite(first, "CREATE TABLE `_t_new` (id INT PRIMARY KEY)");
        rewrite(first, "ALTER TABLE `_t_new` ADD INDEX iv (id)");
        OnlineDdl second = OnlineDdl.open(RULES, records);
        assertEquals(List.of("ALTER TABLE `d`.`t` ADD INDEX iv (id)"), rewrite(second, "RENAME TABLE `t` TO `_t_old`, `_t_new` TO `t`"));
    }

    @Test
    void ghostsTwoStepCutOverWithAlterRename() {
        OnlineDdl o = OnlineDdl.open(RULES, records);
        rewrite(o, "CREATE TABLE `_t_gho` LIKE `t`");
        rewrite(o, "ALTER TABLE `_t_gho` DROP COLUMN v");
        assertEquals(List.of(), rewrite(o, "ALTER TABLE `t` RENAME `_t_del`"));
        assertEquals(List.of("ALTER TABLE `d`.`t` DROP COLUMN v"), rewrite(o, "ALTER TABLE `_t_gho` RENAME TO `t`"));
    }

    @Test
    void ordinaryStatementsPassAndDisabledChangesNothing() {
        OnlineDdl o = OnlineDdl.open(RULES, records);
        assertEquals(List.of("RENAME TABLE `d`.`a` TO `d`.`b`"), rewrite(o, "RENAME TABLE a TO b"));
        OnlineDdl off = OnlineDdl.disabled();
        assertEquals(List.of("ALTER TABLE `d`.`_t_gho` ADD COLUMN c INT"), rewrite(off, "ALTER TABLE `_t_gho` ADD COLUMN c INT"));
        assertFalse(off.isToolTable(GHOST));
    }
}
