package io.dm4j.worker.sync.onlineddl;

import io.dm4j.common.model.TableId;
import java.util.List;
import java.util.Map;

/** Where the DDLs recorded per ghost table are kept across restarts ({@link OnlineDdlStore} downstream). */
interface GhostDdlRecords {
    /** Creates the storage if needed and returns ghost table → recorded DDLs. */
    Map<TableId, List<String>> open();

    void save(TableId ghost, List<String> ddls);

    void delete(TableId ghost);
}
