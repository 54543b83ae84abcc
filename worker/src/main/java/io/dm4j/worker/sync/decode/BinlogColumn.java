package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;

/**
 * One column as a TABLE_MAP event describes it: position, binlog type code and metadata. CHAR, BINARY, ENUM
 * and SET are all logged as type STRING with the real type folded into the metadata; {@link #realType()}
 * unfolds it the way MySQL's log_event.cc does.
 */
record BinlogColumn(int index, int typeCode, int meta) {

    int realType() {
        if (typeCode == ColumnType.STRING.getCode() && meta >= 256) {
            int meta0 = meta >> 8;
            if ((meta0 & 0x30) != 0x30) {
                return meta0 | 0x30;
            }
            return meta0;
        }
        return typeCode;
    }

    /** Maximum byte length of a CHAR/BINARY column, from the folded metadata. */
    int stringLength() {
        if (meta < 256) {
            return meta;
        }
        int meta0 = meta >> 8;
        int meta1 = meta & 0xFF;
        return (meta0 & 0x30) != 0x30 ? meta1 | (((meta0 & 0x30) ^ 0x30) << 4) : meta1;
    }

    /** Number of bits of a BIT column. */
    int bitLength() {
        return (meta >> 8) * 8 + (meta & 0xFF);
    }

    /** A readable name of the binlog type, for messages. */
    String typeName() {
        ColumnType t = ColumnType.byCode(realType());
        return (t == null ? "code " + realType() : t.name()) + "(meta=" + meta + ")";
    }
}
