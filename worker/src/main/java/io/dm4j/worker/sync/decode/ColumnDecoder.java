package io.dm4j.worker.sync.decode;

import java.io.Serializable;

/** Turns one non-null raw cell (as {@link BinlogDeserializers} hands it over) into its JDBC parameter value. */
@FunctionalInterface
interface ColumnDecoder {
    Object decode(Serializable raw);
}
