package io.dm4j.master.server;

import io.dm4j.common.config.DbConfig;
import io.dm4j.common.config.LoadedConfig;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.master.state.ClusterState;
import io.dm4j.proto.message.BinlogSchemaRequest;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.ListMemberResponse;
import io.dm4j.proto.message.OfflineMemberRequest;
import io.dm4j.proto.message.OperateRelayRequest;
import io.dm4j.proto.message.OperateSourceRequest;
import io.dm4j.proto.message.OperateSourceResponse;
import io.dm4j.proto.message.OperateTaskRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.PurgeRelayRequest;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.SourcesResponse;
import io.dm4j.proto.message.StartTaskRequest;
import io.dm4j.proto.message.TransferSourceRequest;
import java.sql.SQLException;
import java.util.List;

/**
 * The master's operations for callers inside the master process (the OpenAPI and the dashboard): the very
 * operations the RPC methods of dmctl run, with the same requests and answers, so an HTTP call and a dmctl command
 * go through one code path.
 */
public final class MasterService {
    private final MasterCore core;
    private final SourceOps sources;
    private final TaskOps tasks;
    private final StatusOps status;
    private final MemberOps members;
    private final RelayOps relay;
    private final UpstreamCatalog catalog;
    private final BinlogOps binlog;

    MasterService(MasterCore core, SourceOps sources, TaskOps tasks, StatusOps status, MemberOps members, RelayOps relay,
                  BinlogOps binlog) {
        this.core = core;
        this.sources = sources;
        this.tasks = tasks;
        this.status = status;
        this.members = members;
        this.relay = relay;
        this.binlog = binlog;
        this.catalog = new UpstreamCatalog(core.probe);
    }

    /** {@code operate-source create|stop|show}. */
    public OperateSourceResponse operateSource(OperateSourceRequest r) {
        return sources.operate(r);
    }

    /** {@code transfer-source}. */
    public CommonResponse transferSource(TransferSourceRequest r) {
        return sources.transfer(r);
    }

    /** {@code start-task}. */
    public OperateTaskResponse startTask(StartTaskRequest r) {
        return tasks.start(r);
    }

    /** {@code stop-task}, {@code pause-task}, {@code resume-task}. */
    public OperateTaskResponse operateTask(OperateTaskRequest r) {
        return tasks.operate(r);
    }

    /** {@code query-status}. */
    public QueryStatusListResponse queryStatus(QueryStatusRequest r) {
        return status.query(r);
    }

    /** {@code start-relay}, {@code stop-relay}, {@code pause-relay}, {@code resume-relay}. */
    public OperateTaskResponse operateRelay(OperateRelayRequest r) {
        return relay.operate(r);
    }

    /** {@code purge-relay}. */
    public SourcesResponse purgeRelay(PurgeRelayRequest r) {
        return relay.purge(r);
    }

    /** {@code binlog-schema list|update|delete}. */
    public SourcesResponse binlogSchema(BinlogSchemaRequest r) {
        return binlog.schema(r);
    }

    /** {@code list-member}. */
    public ListMemberResponse listMember(ListMemberRequest r) {
        return members.list(r);
    }

    /** {@code offline-member}. */
    public CommonResponse offlineMember(OfflineMemberRequest r) {
        return members.offline(r);
    }

    /** The cluster state as of now (immutable). */
    public ClusterState state() {
        return core.state();
    }

    /** A source file as {@code operate-source create} reads it (with the master's key for encrypted passwords). */
    public SourceConfig parseSource(String yaml, String origin) {
        return sources.parse(yaml, origin);
    }

    /** A task file checked as {@code check-task} and {@code start-task} read it, without touching any database. */
    public LoadedConfig<TaskConfig> parseTask(String yaml, String origin) {
        return TaskConfig.check(yaml, origin, core.encryptor);
    }

    /** The databases of a source's upstream, system schemas left out, sorted. */
    public List<String> upstreamSchemas(String sourceId) {
        return onUpstream(sourceId, catalog::schemas);
    }

    /** The base tables of one database of a source's upstream, sorted. */
    public List<String> upstreamTables(String sourceId, String schema) {
        return onUpstream(sourceId, from -> catalog.tables(from, schema));
    }

    /** Every base table of a source's upstream, system schemas left out, sorted. */
    public List<TableId> upstreamTables(String sourceId) {
        return onUpstream(sourceId, catalog::allTables);
    }

    @FunctionalInterface
    private interface UpstreamQuery<T> {
        List<T> run(DbConfig from) throws SQLException;
    }

    private <T> List<T> onUpstream(String sourceId, UpstreamQuery<T> query) {
        SourceConfig cfg = storedSource(sourceId);
        try {
            return query.run(cfg.from());
        } catch (SQLException e) {
            throw MasterErrors.UPSTREAM_UNREACHABLE.wrap(e, sourceId, cfg.from().address(), cfg.from().user());
        }
    }

    private SourceConfig storedSource(String sourceId) {
        ClusterState s = core.state();
        var entry = s.sources().get(sourceId);
        if (entry == null) {
            throw MasterErrors.SOURCE_NOT_FOUND.error(sourceId, s.sources().keySet());
        }
        return sources.parse(entry.yaml(), "source " + sourceId);
    }
}
