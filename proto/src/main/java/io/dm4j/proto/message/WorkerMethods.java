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
    /** The worker's configuration as TOML, secrets left out ({@code dmctl config worker NAME}). */
    public static final RpcMethod<GetConfigRequest, GetConfigResponse> GET_WORKER_CONFIG =
            RpcMethod.of("GetWorkerConfig", GetConfigRequest.class, GetConfigResponse.class);
}
