package io.dm4j.common.filter;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.model.TableId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which tables are an online schema change tool's: ghost tables ({@code shadow-table-rules}, by default gh-ost's
 * {@code _t_gho} and pt-osc's {@code _t_new}), whose first capture group names the real table in the same schema,
 * and trash tables ({@code trash-table-rules}: {@code _t_ghc}, {@code _t_del}, {@code _t_old}). With
 * {@code online-ddl: false} no table is either.
 */
public final class OnlineDdlRules {
    private final List<Pattern> shadow;
    private final List<Pattern> trash;

    public OnlineDdlRules(List<String> shadowRules, List<String> trashRules) {
        this.shadow = shadowRules.stream().map(Pattern::compile).toList();
        this.trash = trashRules.stream().map(Pattern::compile).toList();
    }

    public static OnlineDdlRules of(SubTaskConfig task) {
        return task.onlineDdl() ? new OnlineDdlRules(task.shadowTableRules(), task.trashTableRules())
                : new OnlineDdlRules(List.of(), List.of());
    }

    /** The real table a ghost table stands for; empty when {@code table} is not a ghost table. */
    public Optional<TableId> realOfGhost(TableId table) {
        if (table.isSchemaOnly()) {
            return Optional.empty();
        }
        for (Pattern p : shadow) {
            Matcher m = p.matcher(table.table());
            if (m.matches() && m.groupCount() >= 1 && m.group(1) != null) {
                return Optional.of(new TableId(table.schema(), m.group(1)));
            }
        }
        return Optional.empty();
    }

    public boolean isTrash(TableId table) {
        return !table.isSchemaOnly() && trash.stream().anyMatch(p -> p.matcher(table.table()).matches());
    }

    /** Ghost or trash: its rows and its own DDL are never replicated as such. */
    public boolean isToolTable(TableId table) {
        return isTrash(table) || realOfGhost(table).isPresent();
    }
}
