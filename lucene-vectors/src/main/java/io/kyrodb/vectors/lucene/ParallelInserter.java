package io.kyrodb.vectors.lucene;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Adds documents to an {@link IndexWriter} on several threads: each thread indexes into a segment
 * of its own (Lucene gives each concurrently indexing thread its own in-memory segment), so the
 * HNSW graphs of those segments grow side by side, one core each. The producer hands documents over
 * through a bounded queue and reads its input meanwhile.
 *
 * <p>Order: a document handed over is indexed at some later time, on some worker; a caller that
 * deletes or updates documents must {@link #drain} first. Failures of a worker surface at the
 * producer's next call. Threads: one producer (the index's single writer) and the workers.
 */
final class ParallelInserter implements Closeable {
    private static final Document END = new Document();
    private static final int QUEUE = 512;

    private final IndexWriter writer;
    private final ArrayBlockingQueue<Document> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread[] workers;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean aborted;
    /** Inserters started in this JVM (tests check that a build went parallel). */
    static final AtomicLong STARTED = new AtomicLong();

    ParallelInserter(IndexWriter writer, int threads) {
        this.writer = writer;
        this.workers = new Thread[threads];
        STARTED.incrementAndGet();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "kyro-hnsw-build-" + i);
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    private void work() {
        try {
            for (Document d = queue.take(); d != END; d = queue.take()) {
                try {
                    if (!aborted && failure.get() == null) {
                        writer.addDocument(d);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    pending.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Hands {@code d} to a worker, waiting while the queue is full. */
    void add(Document d) throws IOException {
        check();
        pending.incrementAndGet();
        try {
            while (!queue.offer(d, 10, TimeUnit.MILLISECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            pending.decrementAndGet();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Waits until every document handed over so far is indexed. */
    void drain() throws IOException {
        while (pending.get() > 0) {
            check();
            LockSupport.parkNanos(20_000);
        }
        check();
    }

    private void check() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            switch (t) {
                case IOException e -> throw new IOException(e.getMessage(), e);
                case UncheckedIOException e -> throw new IOException(e.getMessage(), e);
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IOException(t);
            }
        }
    }

    /** Stops the workers, skipping what they were not given yet (the build failed or was cancelled). */
    void abort() {
        aborted = true;
        stop();
    }

    /** Indexes what is queued and stops the workers; a worker's failure is thrown here. */
    @Override
    public void close() throws IOException {
        stop();
        check();
    }

    private void stop() {
        boolean interrupted = false;
        for (int i = 0; i < workers.length; i++) {
            while (true) {
                try {
                    queue.put(END);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Thread t : workers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
