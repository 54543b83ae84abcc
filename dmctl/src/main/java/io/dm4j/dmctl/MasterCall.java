package io.dm4j.dmctl;

import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.DmctlErrors;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.SchedulerErrors;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.rpc.FailoverRpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.rpc.RpcMethod;
import io.dm4j.proto.wire.ErrorCodeRegistry;
import java.time.Duration;
import java.util.function.Function;

/** One call to dm-master with dmctl's global options. */
final class MasterCall {
    static {
        ErrorCodeRegistry.register(MasterErrors.class);
        ErrorCodeRegistry.register(SchedulerErrors.class);
        ErrorCodeRegistry.register(WorkerErrors.class);
        ErrorCodeRegistry.register(DmctlErrors.class);
        ErrorCodeRegistry.register(BinlogOpErrors.class);
        ErrorCodeRegistry.register(io.dm4j.common.errors.HaErrors.class);
    }

    private MasterCall() {
    }

    /**
     * Calls and returns the answer; a failed call throws its {@link DmException}. {@code --master-addr} may list
     * several masters: a master that cannot be reached, or knows no leader yet, is skipped for the next.
     */
    static <Q, R> R call(GlobalOptions g, RpcMethod<Q, R> method, Q request) {
        if (g.masterAddr == null || g.masterAddr.isBlank()) {
            throw DmctlErrors.NO_MASTER_ADDR.error();
        }
        Duration timeout = g.timeout();
        RpcClientConfig cfg = RpcClientConfig.of(g.masterAddr).withTls(g.tls())
                .withConnectTimeout(Duration.ofSeconds(5)).withReconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500));
        try (FailoverRpcClient client = new FailoverRpcClient(cfg)) {
            return client.callBlocking(method, request, timeout, timeout);
        }
    }

    /** Calls, prints the answer (or the failure) and returns the exit status: 0 when the answer's result is true. */
    static <Q, R> int run(GlobalOptions g, RpcMethod<Q, R> method, Q request, Function<R, Boolean> result, Function<R, Object> shown) {
        try {
            R answer = call(g, method, request);
            Output.print(g.out(), shown.apply(answer));
            return result.apply(answer) ? 0 : 1;
        } catch (DmException e) {
            Output.print(g.out(), Output.failure(e));
            return 1;
        }
    }
}
