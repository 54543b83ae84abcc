package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.CONFIG;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/** Configuration errors (20xxx). None is retryable: the file must be fixed. */
public final class ConfigErrors {
    private ConfigErrors() {
    }

    /** Generic invalid configuration; the message names file, key, what was wrong and what is allowed. */
    public static final ErrorCode INVALID = new ErrorCode(20001, "ErrConfigCheckItemNotSupport", CONFIG, INTERNAL, MEDIUM,
            "%s", "Fix the configuration file as the message says, then submit it again.", false);
    public static final ErrorCode PARSE = new ErrorCode(20002, "ErrConfigParse", CONFIG, INTERNAL, MEDIUM,
            "%s", "Check the file's syntax (YAML for source/task files, TOML for dm-master/dm-worker files).", false);
    public static final ErrorCode UNKNOWN_KEY = new ErrorCode(20003, "ErrConfigUnknownKey", CONFIG, INTERNAL, MEDIUM,
            "%s", "Remove or correct the key; see docs/configuration.md for the allowed keys.", false);
    public static final ErrorCode MISSING_KEY = new ErrorCode(20004, "ErrConfigMissingKey", CONFIG, INTERNAL, MEDIUM,
            "%s", "Add the required key; see docs/configuration.md.", false);
    public static final ErrorCode UNDEFINED_REFERENCE = new ErrorCode(20005, "ErrConfigRefNotFound", CONFIG, INTERNAL, MEDIUM,
            "%s", "Define the referenced rule in the task's global section or correct the name.", false);
    public static final ErrorCode GLOBAL_CONFIG_UNUSED = new ErrorCode(20006, "ErrConfigGlobalConfigsUnused", CONFIG, INTERNAL, MEDIUM,
            "%s", "Reference the rule from a mysql-instances entry or delete it.", false);
    public static final ErrorCode DECRYPT = new ErrorCode(20007, "ErrConfigDecryptPassword", CONFIG, INTERNAL, MEDIUM,
            "%s", "Encrypt the password again with `dmctl encrypt` using the same secret key, or give it in plain text.", false);
    public static final ErrorCode READ_FILE = new ErrorCode(20008, "ErrConfigReadFile", CONFIG, INTERNAL, MEDIUM,
            "%s", "Check that the file exists and is readable.", false);
}
