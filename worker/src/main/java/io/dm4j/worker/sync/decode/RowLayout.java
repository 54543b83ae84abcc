package io.dm4j.worker.sync.decode;

import io.dm4j.common.errors.DecodeErrors;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** How the rows of one TABLE_MAP decode against one tracked structure; made by {@link RowDecoder#layout}. */
public final class RowLayout {
    private final TableSchema schema;
    private final int binlogColumns;
    private final int[] binlogIndex;
    private final ColumnDecoder[] decoders;

    RowLayout(TableSchema schema, int binlogColumns, int[] binlogIndex, ColumnDecoder[] decoders) {
        this.schema = schema;
        this.binlogColumns = binlogColumns;
        this.binlogIndex = binlogIndex;
        this.decoders = decoders;
    }

    public TableSchema schema() {
        return schema;
    }

    /**
     * Decodes one row image.
     *
     * @param includedColumns the rows event's column bitmap (before or after image), indexed by binlog position
     * @param row             the library's cells: one per included column, in binlog order, null for SQL NULL
     * @return values in {@link TableSchema#columns()} order
     * @throws io.dm4j.common.errors.DmException 36008 when a stored column is not in the image
     *         (binlog_row_image other than FULL), or another 360xx code when a cell cannot be decoded exactly
     */
    public Object[] decode(BitSet includedColumns, Serializable[] row) {
        int[] cell = new int[binlogColumns];
        int next = 0;
        for (int bi = 0; bi < binlogColumns; bi++) {
            cell[bi] = includedColumns.get(bi) ? next++ : -1;
        }
        if (next != row.length) {
            throw new IllegalArgumentException("row has " + row.length + " cells but the column bitmap names " + next);
        }
        Object[] out = new Object[binlogIndex.length];
        List<String> missing = null;
        for (int i = 0; i < binlogIndex.length; i++) {
            int bi = binlogIndex[i];
            if (bi < 0) {
                continue; // a VIRTUAL column the binlog does not carry
            }
            if (cell[bi] < 0) {
                ColumnDef c = schema.columns().get(i);
                if (c.generated() != ColumnDef.Generated.VIRTUAL) {
                    missing = missing == null ? new ArrayList<>() : missing;
                    missing.add(c.name());
                }
                continue;
            }
            Serializable raw = row[cell[bi]];
            out[i] = raw == null ? null : decoders[i].decode(raw);
        }
        if (missing != null) {
            throw DecodeErrors.ROW_IMAGE_NOT_FULL.error(schema.id(), String.join(", ", missing));
        }
        return out;
    }
}
