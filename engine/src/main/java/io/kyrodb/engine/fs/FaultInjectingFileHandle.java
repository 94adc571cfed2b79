package io.kyrodb.engine.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A handle of {@link FaultInjectingFileSystem}: counts and fails writes and syncs as armed, keeps
 * the original bytes of synced ranges it overwrites or truncates, records the synced length on
 * sync, and dies with a simulated crash.
 */
final class FaultInjectingFileHandle implements FileHandle {
    /** Durability bookkeeping of one file (follows it through renames). Guarded by the lock. */
    static final class State {
        long syncedLength;
        /** Original bytes of synced ranges changed since the last sync, oldest first. */
        final List<Undo> undo = new ArrayList<>();

        State(long syncedLength) {
            this.syncedLength = syncedLength;
        }
    }

    record Undo(long offset, byte[] bytes) {
    }

    private final FaultInjectingFileSystem owner;
    private final Object lock;
    private final FileHandle inner;
    private final State state;
    private boolean crashed;

    FaultInjectingFileHandle(FaultInjectingFileSystem owner, FileHandle inner, State state) {
        this.owner = owner;
        this.lock = owner.lock;
        this.inner = inner;
        this.state = state;
    }

    /** The process died: the handle is closed and every later call fails. Called under the lock. */
    void die() {
        crashed = true;
        try {
            inner.close();
        } catch (IOException ignored) {
            // the process is gone; its handles do not matter
        }
    }

    private void checkAlive() throws IOException {
        if (crashed) {
            throw new IOException(inner.path() + ": handle invalidated by a simulated crash");
        }
    }

    @Override
    public Path path() {
        return inner.path();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        synchronized (lock) {
            checkAlive();
            return inner.read(dst, position);
        }
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        synchronized (lock) {
            checkAlive();
            owner.maybeFail(FaultInjectingFileSystem.Op.WRITE, inner.path());
            if (owner.diskFull && position + src.remaining() > inner.size()) {
                throw new IOException(IoErrors.NO_SPACE_MESSAGE + " (injected: the disk is full; " + inner.path()
                        + " cannot grow)");
            }
            saveSyncedRange(position, position + src.remaining());
            inner.write(src, position);
        }
    }

    @Override
    public long size() throws IOException {
        synchronized (lock) {
            checkAlive();
            return inner.size();
        }
    }

    @Override
    public void truncate(long size) throws IOException {
        synchronized (lock) {
            checkAlive();
            saveSyncedRange(size, inner.size());
            inner.truncate(size);
        }
    }

    @Override
    public void sync() throws IOException {
        sync(false);
    }

    /**
     * Modelled exactly like {@link #sync()}: fdatasync also makes durable the length and blocks
     * needed to read the data back, and the model has no other metadata. Counted as a SYNC.
     */
    @Override
    public void syncData() throws IOException {
        sync(true);
    }

    private void sync(boolean dataOnly) throws IOException {
        synchronized (lock) {
            checkAlive();
            owner.maybeFail(FaultInjectingFileSystem.Op.SYNC, inner.path());
            if (owner.forwardSyncs) {
                if (dataOnly) {
                    inner.syncData();
                } else {
                    inner.sync();
                }
            }
            state.syncedLength = inner.size();
            state.undo.clear();
        }
    }

    @Override
    public boolean tryLock() throws IOException {
        synchronized (lock) {
            checkAlive();
            return inner.tryLock();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            owner.handleClosed(this);
            if (!crashed) {
                inner.close();
            }
        }
    }

    /** Keeps the current bytes of [from, to) that lie within the synced length. */
    private void saveSyncedRange(long from, long to) throws IOException {
        long end = Math.min(to, Math.min(state.syncedLength, inner.size()));
        if (from >= end) {
            return;
        }
        ByteBuffer old = ByteBuffer.allocate(Math.toIntExact(end - from));
        inner.readFully(old, from);
        state.undo.add(new Undo(from, old.array()));
    }
}
