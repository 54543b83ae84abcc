package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.BOOL;
import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.SIZE;
import static io.dm4j.common.config.ValueTypes.STRING;

/**
 * {@code loaders.<name>} (or an instance's inline {@code loader}): settings of the load unit.
 *
 * @param dir                local directory (or {@code s3://...}) for the dump files; the task's dump directory is
 *                           {@code <dir>.<task-name>} (see {@link SubTaskConfig#dumpDir()})
 * @param diskQuotaPhysical  as written (a size); physical import only
 * @param loadDuringDump     dm4j's own: load each data file as soon as the dump has finished it, while the dump
 *                           still writes others (where the copy allows it, see docs/dump-load.md)
 * @param deferSecondaryIndexes dm4j's own: create the tables without their plain secondary indexes and build those
 *                           after the rows are in (docs/dump-load.md, "Deferred secondary indexes")
 * @param deferSecondaryIndexesMinSize dm4j's own, as written (a size; a bare number is MB): tables smaller than this
 *                           keep their secondary indexes in the CREATE
 */
public record LoaderConfig(int poolSize, String dir, ImportMode importMode, OnDuplicateLogical onDuplicateLogical,
                           OnDuplicatePhysical onDuplicatePhysical, String sortingDirPhysical, String diskQuotaPhysical,
                           PostOpLevel checksumPhysical, PostOpLevel analyze, int rangeConcurrency,
                           String compressKvPairs, String pdAddr, boolean loadDuringDump,
                           boolean deferSecondaryIndexes, String deferSecondaryIndexesMinSize) {

    static final Option<Integer> POOL_SIZE = Option.of("pool-size", INT, 16, "Parallel connections loading into the downstream; 0 = default.")
            .check(Option.notNegative());
    static final Option<String> DIR = Option.of("dir", STRING, "./dumped_data",
            "Directory for the dump files (local path or s3:// URL); the task's files go to `<dir>.<task-name>`.");
    static final Option<ImportMode> IMPORT_MODE = Option.of("import-mode", ValueTypes.choice(ImportMode.class), ImportMode.LOGICAL,
            "How data is loaded; DM's `sql` and `loader` mean `logical`.");
    static final Option<OnDuplicateLogical> ON_DUPLICATE_LOGICAL = Option.of("on-duplicate-logical",
            ValueTypes.choice(OnDuplicateLogical.class), OnDuplicateLogical.REPLACE,
            "A loaded row whose key already exists downstream: replace it, ignore the new row, or stop with an error.");
    static final Option<OnDuplicateLogical> ON_DUPLICATE = Option.of("on-duplicate", ValueTypes.choice(OnDuplicateLogical.class), null,
            "Old name of on-duplicate-logical.").deprecated("use on-duplicate-logical (used when that is not set)");
    static final Option<OnDuplicatePhysical> ON_DUPLICATE_PHYSICAL = Option.of("on-duplicate-physical",
            ValueTypes.choice(OnDuplicatePhysical.class), OnDuplicatePhysical.NONE, "Conflict handling of a physical import.");
    static final Option<String> SORTING_DIR_PHYSICAL = Option.of("sorting-dir-physical", STRING, "",
            "Local sort directory of a physical import; default `<dir>.sorting`.");
    static final Option<String> DISK_QUOTA_PHYSICAL = Option.of("disk-quota-physical", SIZE, "0", "Disk quota of a physical import; 0 = none.");
    static final Option<PostOpLevel> CHECKSUM_PHYSICAL = Option.of("checksum-physical", ValueTypes.choice(PostOpLevel.class), PostOpLevel.REQUIRED,
            "Checksum each table after a physical import.");
    static final Option<PostOpLevel> ANALYZE = Option.of("analyze", ValueTypes.choice(PostOpLevel.class), PostOpLevel.OPTIONAL,
            "ANALYZE each table after a physical import.");
    static final Option<Integer> RANGE_CONCURRENCY = Option.of("range-concurrency", INT, 0, "Concurrency of a physical import; 0 = default.")
            .check(Option.notNegative());
    static final Option<String> COMPRESS_KV_PAIRS = Option.of("compress-kv-pairs", STRING, "", "Compression of a physical import (`gzip`).");
    static final Option<String> PD_ADDR = Option.of("pd-addr", STRING, "", "PD address for a physical import into TiDB.");
    static final Option<Boolean> LOAD_DURING_DUMP = Option.of("load-during-dump", BOOL, true,
            "dm4j's own: load each data file as soon as the dump has finished it, while the dump writes the others;"
                    + " false = load after the whole dump (as DM). Only single-source tasks without shard merge overlap"
                    + " (docs/dump-load.md).");
    static final Option<Boolean> DEFER_SECONDARY_INDEXES = Option.of("defer-secondary-indexes", BOOL, true,
            "dm4j's own: the tables the load creates get their non-unique secondary indexes after the rows (one sorted"
                    + " build per table instead of random index inserts per row); tables that exist downstream, have a"
                    + " foreign key or are merge targets keep theirs (docs/dump-load.md).");
    static final Option<String> DEFER_SECONDARY_INDEXES_MIN_SIZE = Option.of("defer-secondary-indexes-min-size", SIZE,
            "1", "dm4j's own: with defer-secondary-indexes, a table whose data is smaller than this (a bare number"
                    + " is MB; the upstream's estimate while the dump still writes the table) is created with its"
                    + " secondary indexes: for a small table the ALTER TABLE after the load costs more than the"
                    + " row-by-row index inserts (docs/dump-load.md); 0 = defer for every table.");

    static final Schema SCHEMA = Schema.of("loaders.<name>", "Settings of the load unit (full data import).",
            POOL_SIZE, DIR, IMPORT_MODE, ON_DUPLICATE_LOGICAL, ON_DUPLICATE, ON_DUPLICATE_PHYSICAL, SORTING_DIR_PHYSICAL,
            DISK_QUOTA_PHYSICAL, CHECKSUM_PHYSICAL, ANALYZE, RANGE_CONCURRENCY, COMPRESS_KV_PAIRS, PD_ADDR, LOAD_DURING_DUMP,
            DEFER_SECONDARY_INDEXES, DEFER_SECONDARY_INDEXES_MIN_SIZE);

    public static final LoaderConfig DEFAULT = from(Values.empty("loaders"));

    static LoaderConfig from(Values v) {
        OnDuplicateLogical onDuplicate = v.isSet(ON_DUPLICATE_LOGICAL) || !v.isSet(ON_DUPLICATE)
                ? v.get(ON_DUPLICATE_LOGICAL) : v.get(ON_DUPLICATE);
        int poolSize = v.get(POOL_SIZE) == 0 ? POOL_SIZE.defaultValue() : v.get(POOL_SIZE);
        return new LoaderConfig(poolSize, v.get(DIR), v.get(IMPORT_MODE), onDuplicate, v.get(ON_DUPLICATE_PHYSICAL),
                v.get(SORTING_DIR_PHYSICAL), v.get(DISK_QUOTA_PHYSICAL), v.get(CHECKSUM_PHYSICAL), v.get(ANALYZE),
                v.get(RANGE_CONCURRENCY), v.get(COMPRESS_KV_PAIRS), v.get(PD_ADDR), v.get(LOAD_DURING_DUMP),
                v.get(DEFER_SECONDARY_INDEXES), v.get(DEFER_SECONDARY_INDEXES_MIN_SIZE));
    }

    public LoaderConfig withPoolSize(int newPoolSize) {
        return new LoaderConfig(newPoolSize, dir, importMode, onDuplicateLogical, onDuplicatePhysical, sortingDirPhysical,
                diskQuotaPhysical, checksumPhysical, analyze, rangeConcurrency, compressKvPairs, pdAddr, loadDuringDump,
                deferSecondaryIndexes, deferSecondaryIndexesMinSize);
    }

    /** {@link #deferSecondaryIndexesMinSize()} in bytes. */
    public long deferSecondaryIndexesMinBytes() {
        return ByteSize.parse(deferSecondaryIndexesMinSize, 1L << 20);
    }

    /** Whether {@link #dir()} is an S3 URL rather than a local directory. */
    public boolean isS3() {
        return dir.startsWith("s3://");
    }
}
