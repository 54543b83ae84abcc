package io.dm4j.proto.message;

import io.dm4j.proto.rpc.RpcMethod;

/** Methods dm-master serves, to dmctl and to workers, on its one port (default 8261). */
public final class MasterMethods {
    private MasterMethods() {
    }

    public static final RpcMethod<OperateSourceRequest, OperateSourceResponse> OPERATE_SOURCE =
            RpcMethod.of("OperateSource", OperateSourceRequest.class, OperateSourceResponse.class);
    public static final RpcMethod<StartTaskRequest, OperateTaskResponse> START_TASK =
            RpcMethod.of("StartTask", StartTaskRequest.class, OperateTaskResponse.class);
    public static final RpcMethod<OperateTaskRequest, OperateTaskResponse> OPERATE_TASK =
            RpcMethod.of("OperateTask", OperateTaskRequest.class, OperateTaskResponse.class);
    public static final RpcMethod<QueryStatusRequest, QueryStatusListResponse> QUERY_STATUS =
            RpcMethod.of("QueryStatus", QueryStatusRequest.class, QueryStatusListResponse.class);
    public static final RpcMethod<CheckTaskRequest, CheckTaskResponse> CHECK_TASK =
            RpcMethod.of("CheckTask", CheckTaskRequest.class, CheckTaskResponse.class);
    public static final RpcMethod<ListMemberRequest, ListMemberResponse> LIST_MEMBER =
            RpcMethod.of("ListMember", ListMemberRequest.class, ListMemberResponse.class);
    public static final RpcMethod<OfflineMemberRequest, CommonResponse> OFFLINE_MEMBER =
            RpcMethod.of("OfflineMember", OfflineMemberRequest.class, CommonResponse.class);
    public static final RpcMethod<TransferSourceRequest, CommonResponse> TRANSFER_SOURCE =
            RpcMethod.of("TransferSource", TransferSourceRequest.class, CommonResponse.class);
    public static final RpcMethod<GetConfigRequest, GetConfigResponse> GET_CONFIG =
            RpcMethod.of("GetConfig", GetConfigRequest.class, GetConfigResponse.class);
    public static final RpcMethod<RegisterWorkerRequest, CommonResponse> REGISTER_WORKER =
            RpcMethod.of("RegisterWorker", RegisterWorkerRequest.class, CommonResponse.class);
    public static final RpcMethod<KeepAliveRequest, KeepAliveResponse> KEEP_ALIVE =
            RpcMethod.of("KeepAlive", KeepAliveRequest.class, KeepAliveResponse.class);
    public static final RpcMethod<BinlogOperateRequest, SourcesResponse> BINLOG =
            RpcMethod.of("HandleError", BinlogOperateRequest.class, SourcesResponse.class);
    public static final RpcMethod<BinlogSchemaRequest, SourcesResponse> BINLOG_SCHEMA =
            RpcMethod.of("OperateSchema", BinlogSchemaRequest.class, SourcesResponse.class);
    public static final RpcMethod<OperateRelayRequest, OperateTaskResponse> OPERATE_RELAY =
            RpcMethod.of("OperateRelay", OperateRelayRequest.class, OperateTaskResponse.class);
    public static final RpcMethod<PurgeRelayRequest, SourcesResponse> PURGE_RELAY =
            RpcMethod.of("PurgeWorkerRelay", PurgeRelayRequest.class, SourcesResponse.class);
    public static final RpcMethod<OperateLeaderRequest, CommonResponse> OPERATE_LEADER =
            RpcMethod.of("OperateLeader", OperateLeaderRequest.class, CommonResponse.class);
    public static final RpcMethod<JoinMasterRequest, CommonResponse> JOIN_MASTER =
            RpcMethod.of("JoinMaster", JoinMasterRequest.class, CommonResponse.class);
}
