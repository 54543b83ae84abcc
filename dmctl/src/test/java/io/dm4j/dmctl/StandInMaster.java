package io.dm4j.dmctl;

import io.dm4j.proto.rpc.RpcMethod;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** A stand-in dm-master for dmctl's tests: answers the methods given to it, keeps the last request, runs dmctl against itself. */
final class StandInMaster implements AutoCloseable {
    private final RpcServer server = new RpcServer(RpcServerConfig.of("127.0.0.1", 0));
    private final AtomicReference<Object> lastRequest = new AtomicReference<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Answers {@code method} with {@code answer}, keeping the request. Call before {@link #start()}. */
    <Q, R> StandInMaster on(RpcMethod<Q, R> method, Function<Q, R> answer) {
        server.register(method, (r, c) -> {
            lastRequest.set(r);
            return answer.apply(r);
        });
        return this;
    }

    StandInMaster start() {
        server.start();
        return this;
    }

    /** Runs dmctl with {@code --master-addr} of this master; the request and output of an earlier run are forgotten. */
    int run(String... args) {
        out.reset();
        lastRequest.set(null);
        String[] all = new String[args.length + 2];
        all[0] = "--master-addr";
        all[1] = "127.0.0.1:" + server.port();
        System.arraycopy(args, 0, all, 2, args.length);
        return DmctlMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.in, all);
    }

    /** What the last run printed. */
    String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The request the last run sent, or null. */
    Object lastRequest() {
        return lastRequest.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
