package io.dm4j.proto.rpc;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorCode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared pieces of the RPC tests: messages, quick configs, cleanup and leak checks. */
public final class RpcTestKit {

    public record Echo(String text, int delayMs) {
    }

    public record EchoReply(String text, long callId) {
    }

    public static final RpcMethod<Echo, EchoReply> ECHO = RpcMethod.of("Echo", Echo.class, EchoReply.class);

    public static final Duration SHORT = Duration.ofSeconds(5);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    public <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    /** A started server on a free local port serving {@link #ECHO}. */
    public RpcServer echoServer(RpcServerConfig config) {
        RpcServer server = track(new RpcServer(config));
        server.register(ECHO, (request, call) -> {
            if (request.delayMs() > 0) {
                Thread.sleep(request.delayMs());
            }
            return new EchoReply(request.text(), call.id());
        });
        return server.start();
    }

    public static RpcServerConfig localServer() {
        return RpcServerConfig.of("127.0.0.1", 0).withCloseGracePeriod(Duration.ofSeconds(2));
    }

    public static RpcClientConfig clientFor(RpcServer server) {
        return RpcClientConfig.of("127.0.0.1:" + server.port())
                .withConnectTimeout(Duration.ofSeconds(2))
                .withReconnectDelays(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    public RpcClient client(RpcClientConfig config) {
        return track(RpcClient.connect(config));
    }

    /** Runs the call and returns the DmException it failed with, checking its code. */
    public static DmException failure(CompletableFuture<?> future, ErrorCode expected) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        DmException dm = assertInstanceOf(DmException.class, e.getCause());
        assertEquals(expected.code(), dm.code().code(), () -> "unexpected error: " + dm.getMessage());
        return dm;
    }

    /** Closes everything tracked, newest first, then checks that no RPC thread survived. */
    public void closeAll() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
        assertNoRpcThreadsLeft();
    }

    /** Every thread the RPC layer started has ended (they all carry the dm4j-rpc- prefix). */
    public static void assertNoRpcThreadsLeft() throws InterruptedException {
        assertNoThreadsLeft(RpcThreads.PREFIX);
    }

    /** Every thread whose name starts with {@code prefix} has ended. */
    public static void assertNoThreadsLeft(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(n -> n.startsWith(prefix))
                    .toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        fail("RPC threads still running after close: " + alive);
    }

    /** Waits up to 30 s (generous: CI machines are busy) for a condition that must become true. */
    public static void eventually(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean());
    }
}
