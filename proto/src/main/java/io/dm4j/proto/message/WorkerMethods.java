package io.dm4j.proto.message;

import io.dm4j.proto.rpc.RpcMethod;

/** Methods dm-worker serves to the master on its worker-addr (default 8262). */
public final class WorkerMethods {
    private WorkerMethods() {
    }

    public static final RpcMethod<BindSourceRequest, WorkerOpResponse> BIND_SOURCE =
            RpcMethod.of("BindSource", BindSourceRequest.class, WorkerOpResponse.class);
    public static final RpcMethod<OperateSubTaskRequest, WorkerOpResponse> OPERATE_SUBTASK =
            RpcMethod.of("OperateSubTask", OperateSubTaskRequest.class, WorkerOpResponse.class);
    public static final RpcMethod<QueryWorkerStatusRequest, QueryWorkerStatusResponse> QUERY_WORKER_STATUS =
            RpcMethod.of("QueryWorkerStatus", QueryWorkerStatusRequest.class, QueryWorkerStatusResponse.class);
    /** One source's part of {@code binlog}: msg carries the answer (the pending operators for list). */
    public static final RpcMethod<BinlogOperateRequest, CommonResponse> BINLOG =
            RpcMethod.of("HandleError", BinlogOperateRequest.class, CommonResponse.class);
    /** One source's part of {@code binlog-schema}: msg carries the answer (the CREATE TABLE for list). */
    public static final RpcMethod<BinlogSchemaRequest, CommonResponse> BINLOG_SCHEMA =
            RpcMethod.of("OperateSchema", BinlogSchemaRequest.class, CommonResponse.class);
    /** The worker's configuration as TOML, secrets left out ({@code dmctl config worker NAME}). */
    public static final RpcMethod<GetConfigRequest, GetConfigResponse> GET_WORKER_CONFIG =
            RpcMethod.of("GetWorkerConfig", GetConfigRequest.class, GetConfigResponse.class);
    /** purge-relay on the worker serving the source: msg says what was deleted. */
    public static final RpcMethod<PurgeRelayRequest, CommonResponse> PURGE_RELAY =
            RpcMethod.of("PurgeRelay", PurgeRelayRequest.class, CommonResponse.class);
}
