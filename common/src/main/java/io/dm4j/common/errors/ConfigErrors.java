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

    // 20009-20099: configuration model (io.dm4j.common.config)
    public static final ErrorCode INVALID_VALUE = new ErrorCode(20009, "ErrConfigInvalidValue", CONFIG, INTERNAL, MEDIUM,
            "%s", "Give the key a value of the type and form the message names; see docs/configuration.md.", false);
    public static final ErrorCode INVALID_ENUM = new ErrorCode(20010, "ErrConfigInvalidEnumValue", CONFIG, INTERNAL, MEDIUM,
            "%s", "Use one of the allowed values listed in the message.", false);
    public static final ErrorCode CONFLICT = new ErrorCode(20011, "ErrConfigConflict", CONFIG, INTERNAL, MEDIUM,
            "%s", "Keep only one of the conflicting keys.", false);
    public static final ErrorCode DUPLICATE_SOURCE_ID = new ErrorCode(20012, "ErrConfigMySQLInstSameSourceID", CONFIG, INTERNAL, MEDIUM,
            "%s", "List every source only once in mysql-instances.", false);
    public static final ErrorCode SOURCE_ID_TOO_LONG = new ErrorCode(20013, "ErrConfigTooLongSourceID", CONFIG, INTERNAL, MEDIUM,
            "%s", "Use a source-id of at most 32 characters.", false);
    public static final ErrorCode SAFE_MODE_CONFLICT = new ErrorCode(20014, "ErrConfigConfictSafeModeDurationAndSafeMode", CONFIG, INTERNAL, MEDIUM,
            "%s", "Either set safe-mode to false or give safe-mode-duration a non-zero value (or leave it empty).", false);
    public static final ErrorCode META_INVALID = new ErrorCode(20015, "ErrConfigMetaInvalid", CONFIG, INTERNAL, MEDIUM,
            "%s", "Give meta.binlog-name (with binlog-pos) or meta.binlog-gtid; binlog-gtid is required for a source with enable-gtid: true.", false);
    public static final ErrorCode SECRET_KEY = new ErrorCode(20016, "ErrConfigSecretKeyPath", CONFIG, INTERNAL, MEDIUM,
            "%s", "Provide a secret key of exactly 64 hex characters (32 bytes) in the secret-key-path file or DM4J_SECRET_KEY.", false);
    public static final ErrorCode DUPLICATE_REFERENCE = new ErrorCode(20017, "ErrConfigDuplicateCfgItem", CONFIG, INTERNAL, MEDIUM,
            "%s", "Reference each rule only once per mysql-instances entry.", false);
    public static final ErrorCode UNSUPPORTED = new ErrorCode(20018, "ErrConfigNotSupported", CONFIG, INTERNAL, MEDIUM,
            "%s", "Remove the key or value; the message names the supported alternative.", false);
    public static final ErrorCode SOURCE_MISMATCH = new ErrorCode(20019, "ErrConfigSourceMismatch", CONFIG, INTERNAL, MEDIUM,
            "%s", "Create the source first (operate-source create) or correct the source-id in the task file.", false);
}
