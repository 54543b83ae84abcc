package io.dm4j.worker.load;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a {@link Source} on a thread of its own, a bounded number of items ahead of the one consumer: while the
 * consumer works on item N (a load connection waits for the server to run a statement), the thread already
 * produces N+1 and N+2 (reads and rewrites the next statements). At most {@code depth} items wait in the queue and
 * one more is held by the producing thread, so memory stays bounded.
 *
 * <p>Items reach the consumer in the source's order. A failure of the source reaches the consumer in its place,
 * after every item produced before it. {@link #close()} ends the thread (interrupting it if it waits or reads) and
 * waits for it, so no thread outlives the prefetcher.
 */
final class Prefetcher<T> implements AutoCloseable {

    /** What the thread runs: the next item, or null after the last one. */
    @FunctionalInterface
    interface Source<T> {
        T next() throws IOException;
    }

    /** The source's failure, queued after the items before it. */
    private record Failure(Throwable error) {
    }

    private static final Object END = new Object();

    private final Source<T> source;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    /** The end or the failure, once the consumer took it: later calls give the same answer. */
    private Object last;

    /**
     * Starts the producing thread.
     *
     * @param name  the thread's name
     * @param depth how many produced items may wait for the consumer (at least 1)
     */
    Prefetcher(String name, int depth, Source<T> source) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        this.source = source;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(this::produce, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce() {
        Object item;
        do {
            try {
                T next = closed ? null : source.next();
                item = next == null ? END : next;
            } catch (Throwable e) { // whatever stops the source is the consumer's to see
                item = new Failure(e);
            }
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                return; // closed
            }
        } while (item != END && !(item instanceof Failure) && !closed);
    }

    /**
     * The next item; null after the last one.
     *
     * @throws IOException          the source's failure, when it is an IOException
     * @throws InterruptedException when this thread is interrupted while it waits
     */
    @SuppressWarnings("unchecked")
    T take() throws IOException, InterruptedException {
        Object item = last != null ? last : queue.take();
        if (item == END) {
            last = item;
            return null;
        }
        if (item instanceof Failure f) {
            last = item;
            Throwable e = f.error();
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof Error er) {
                throw er;
            }
            throw new IOException(e);
        }
        return (T) item;
    }

    /** Ends the producing thread and waits for it; items not taken are dropped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the thread ends soon: it only reads a local file or waits on the queue
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
