package io.dm4j.proto.wire;

import io.dm4j.common.errors.ErrorCatalogues;
import io.dm4j.common.errors.ErrorCode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known error codes by number, so that an error received over the wire becomes the very constant the sender
 * raised (same name, message format and retry flag). Each error catalogue registers itself once with
 * {@link #register(Class)}; codes nobody registered are rebuilt from the transported fields instead.
 */
public final class ErrorCodeRegistry {
    private static final Map<Integer, ErrorCode> BY_CODE = new ConcurrentHashMap<>();

    static {
        ErrorCatalogues.ALL.forEach(ErrorCodeRegistry::register);
    }

    private ErrorCodeRegistry() {
    }

    /** Registers every {@code public static final ErrorCode} field of a catalogue class; idempotent. */
    public static void register(Class<?> catalogue) {
        for (Field f : catalogue.getFields()) {
            int mod = f.getModifiers();
            if (!Modifier.isStatic(mod) || !Modifier.isFinal(mod) || f.getType() != ErrorCode.class) {
                continue;
            }
            ErrorCode code;
            try {
                code = (ErrorCode) f.get(null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + catalogue.getName() + "." + f.getName(), e);
            }
            ErrorCode previous = BY_CODE.putIfAbsent(code.code(), code);
            if (previous != null && !previous.equals(code)) {
                throw new IllegalStateException("error code " + code.code() + " is declared twice: "
                        + previous.name() + " and " + code.name() + " (" + catalogue.getName() + ")");
            }
        }
    }

    public static Optional<ErrorCode> find(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
