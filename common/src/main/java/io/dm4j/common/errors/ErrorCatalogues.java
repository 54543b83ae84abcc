package io.dm4j.common.errors;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Every error catalogue of dm4j, so that codes can be listed, looked up and checked for uniqueness in one place. */
public final class ErrorCatalogues {
    private ErrorCatalogues() {
    }

    public static final List<Class<?>> ALL = List.of(CommonErrors.class, ConfigErrors.class, FilterErrors.class,
            RpcErrors.class, StreamErrors.class, SyncErrors.class, DecodeErrors.class, DdlErrors.class,
            SchemaErrors.class, ApplyErrors.class, DbErrors.class, CheckpointErrors.class, ExprErrors.class,
            DumpErrors.class, LoadErrors.class, MasterErrors.class, SchedulerErrors.class, WorkerErrors.class,
            DmctlErrors.class, CheckerErrors.class, OnlineDdlErrors.class, BinlogEventErrors.class,
            BinlogOpErrors.class, OpenApiErrors.class, RelayErrors.class, RelayPurgeErrors.class, RelayStageErrors.class,
            HaErrors.class);

    /** The {@link ErrorCode} constants of one catalogue class. */
    public static List<ErrorCode> codesOf(Class<?> catalogue) {
        List<ErrorCode> out = new ArrayList<>();
        for (Field f : catalogue.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ErrorCode.class) {
                try {
                    out.add((ErrorCode) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /** Every error code of every catalogue. */
    public static List<ErrorCode> all() {
        List<ErrorCode> out = new ArrayList<>();
        ALL.forEach(c -> out.addAll(codesOf(c)));
        return out;
    }
}
