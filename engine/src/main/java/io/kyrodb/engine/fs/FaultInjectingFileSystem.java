package io.kyrodb.engine.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Wraps a {@link FileSystem} to fail chosen operations and to simulate a machine crash (SQLite's
 * crash simulator, LevelDB's fault-injection env, Lucene's {@code MockDirectoryWrapper}).
 *
 * <p><b>What it models.</b> The {@link FileSystem} durability contract and nothing more:
 * <ul>
 *   <li>File contents: bytes written through a handle of this file system are durable once
 *       {@link FileHandle#sync()} or {@link FileHandle#syncData()} (modelled the same: both make
 *       the contents and the length durable) of a handle on that file returns. Until then a write
 *       (also an overwrite or a truncation of already-synced bytes) may be lost; the wrapper keeps
 *       the synced length of each file and the original bytes of every synced range changed
 *       since.</li>
 *   <li>Directory entries: creating a file or directory, renaming and deleting are durable once
 *       {@link #syncDirectory} of the parent directory returns (both parents for a rename).</li>
 *   <li>Files this wrapper never wrote count as durable; so does everything after a machine crash
 *       (any mode but {@link CrashMode#KEEP_UNSYNCED}, a process crash, after which unsynced data
 *       stays unsynced).</li>
 * </ul>
 * {@link #simulateCrash} then turns the real files into one state a crash could leave behind,
 * chosen by {@link CrashMode}. Open handles become unusable, as after a process exit; reopen
 * everything through this same wrapper. Not modelled: renaming directories, and lost writes on
 * files opened outside this wrapper. It keeps the original bytes of overwritten or deleted synced
 * data in memory, so it is meant for test-sized files.
 *
 * <p><b>Faults.</b> {@link #failNth} fails the Nth write, file sync or directory sync from now,
 * once or from then on, with an {@link IOException} (optionally the "No space left on device"
 * one). A failed write writes nothing; a failed sync leaves the data unsynced.
 *
 * <p>Thread-safe: one lock serializes all operations of the wrapper (tests only).
 */
public final class FaultInjectingFileSystem implements FileSystem {

    /** Operations that {@link #failNth} can fail and {@link #count} counts. */
    public enum Op { WRITE, SYNC, SYNC_DIRECTORY }

    /** What a simulated crash does to data and directory entries that were not fsynced. */
    public enum CrashMode {
        /**
         * A process crash: the OS survives and keeps everything written, but it stays unsynced
         * (in the page cache), so a later crash in another mode can still lose it.
         */
        KEEP_UNSYNCED,
        /** Power loss, worst case: every unsynced byte and directory entry change is lost. */
        DROP_UNSYNCED,
        /** Unsynced file tails keep their length but read back as zeros; entry changes are lost. */
        ZERO_UNSYNCED,
        /**
         * A random prefix of each unsynced file tail survives (a torn write) and a random prefix,
         * in time order, of the unsynced entry changes (a metadata journal commits in order).
         * Unsynced overwrites of synced bytes are all lost.
         */
        TORN_UNSYNCED,
        /**
         * Each 512-byte sector that unsynced writes touched survives (with its latest content) or
         * is lost (back to its synced content) on its own, in no order (a disk's volatile write
         * cache loses power): overwrites of synced bytes included, so a later write may survive
         * where an earlier one did not. A random length between the
         * synced and the current one is kept; lost sectors of a grown tail read as zeros. Entry
         * changes as in {@link #TORN_UNSYNCED}.
         */
        SECTORS_UNSYNCED
    }

    /** The unit {@link CrashMode#SECTORS_UNSYNCED} keeps or loses whole. */
    static final int SECTOR_SIZE = 512;

    private final FileSystem delegate;
    final boolean forwardSyncs;
    /** Guards everything, also the handles' state; tests only, so one lock is fine. */
    final Object lock = new Object();
    private final Map<Path, FaultInjectingFileHandle.State> files = new HashMap<>();
    private final List<DirOp> pendingDirOps = new ArrayList<>();
    private final Set<FaultInjectingFileHandle> openHandles = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Op, Long> counts = new EnumMap<>(Op.class);
    private final List<Fault> faults = new ArrayList<>();
    /** See {@link #setDiskFull}; read by handles under {@code lock}. */
    boolean diskFull;

    /** Wraps {@code delegate}, passing every fsync through to it. */
    public FaultInjectingFileSystem(FileSystem delegate) {
        this(delegate, true);
    }

    /**
     * With {@code forwardSyncs} false, file and directory fsyncs are only recorded, not passed to
     * the delegate: the wrapper models durability itself, so crash tests run at memory speed. The
     * files are then not durable on the real machine, which no test needs.
     */
    public FaultInjectingFileSystem(FileSystem delegate, boolean forwardSyncs) {
        this.delegate = delegate;
        this.forwardSyncs = forwardSyncs;
        for (Op op : Op.values()) {
            counts.put(op, 0L);
        }
    }

    /**
     * The {@code nth} operation of kind {@code op} from now (1 = the next one) throws an
     * IOException; with {@code fromThenOn}, every later one too. With {@code noSpace} the message is
     * {@link IoErrors#NO_SPACE_MESSAGE}, otherwise an "Input/output error".
     */
    public void failNth(Op op, long nth, boolean fromThenOn, boolean noSpace) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth must be at least 1, not " + nth);
        }
        synchronized (lock) {
            faults.add(new Fault(op, nth, fromThenOn, noSpace));
        }
    }

    /**
     * A full disk: while on, every write that would make a file longer fails with "No space left
     * on device"; writes inside a file's length (preallocated space) still succeed, as on a real
     * file system. Not counted as an operation; {@link #clearFaults} does not turn it off.
     */
    public void setDiskFull(boolean full) {
        synchronized (lock) {
            diskFull = full;
        }
    }

    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    /** How many operations of this kind were attempted (failed ones included) so far. */
    public long count(Op op) {
        synchronized (lock) {
            return counts.get(op);
        }
    }

    /** {@link #simulateCrash(CrashMode, Random)} for the modes that need no randomness. */
    public void simulateCrash(CrashMode mode) {
        if (mode == CrashMode.TORN_UNSYNCED || mode == CrashMode.SECTORS_UNSYNCED) {
            throw new IllegalArgumentException(mode + " needs a seeded Random");
        }
        simulateCrash(mode, null);
    }

    /**
     * Closes every open handle and rewrites the files to a state a crash in {@code mode} could
     * leave. Afterwards everything on disk counts as durable, except after
     * {@link CrashMode#KEEP_UNSYNCED}, where the machine did not go down.
     */
    public void simulateCrash(CrashMode mode, Random random) {
        synchronized (lock) {
            for (FaultInjectingFileHandle h : openHandles) {
                h.die();
            }
            openHandles.clear();
            if (mode == CrashMode.KEEP_UNSYNCED) {
                return;
            }
            try {
                int kept = mode == CrashMode.TORN_UNSYNCED || mode == CrashMode.SECTORS_UNSYNCED
                        ? random.nextInt(pendingDirOps.size() + 1) : 0;
                for (int i = pendingDirOps.size() - 1; i >= kept; i--) {
                    revert(pendingDirOps.get(i));
                }
                for (Map.Entry<Path, FaultInjectingFileHandle.State> e : files.entrySet()) {
                    if (delegate.exists(e.getKey())) {
                        loseUnsyncedData(e.getKey(), e.getValue(), mode, random);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not simulate a crash: " + e, e);
            } finally {
                pendingDirOps.clear();
                files.clear();
            }
        }
    }

    /** Flips one bit in a file at rest (for corruption tests); the change counts as durable. */
    public void flipBit(Path file, long offset, int bit) throws IOException {
        synchronized (lock) {
            try (FileHandle h = delegate.open(file, OpenMode.READ_WRITE)) {
                ByteBuffer b = ByteBuffer.allocate(1);
                h.readFully(b, offset);
                b.put(0, (byte) (b.get(0) ^ (1 << bit)));
                b.rewind();
                h.write(b, offset);
            }
        }
    }

    // ---- FileSystem ----

    @Override
    public FileHandle open(Path file, OpenMode mode) throws IOException {
        Path key = key(file);
        synchronized (lock) {
            boolean existed = delegate.exists(key);
            FileHandle inner = delegate.open(file, mode);
            FaultInjectingFileHandle.State state;
            if (!existed) {
                state = new FaultInjectingFileHandle.State(0);
                files.put(key, state);
                pendingDirOps.add(DirOp.created(key, false));
            } else {
                state = files.get(key);
                if (state == null) {
                    state = new FaultInjectingFileHandle.State(inner.size());
                    files.put(key, state);
                }
            }
            FaultInjectingFileHandle h = new FaultInjectingFileHandle(this, inner, state);
            openHandles.add(h);
            return h;
        }
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Path key = key(dir);
        synchronized (lock) {
            List<Path> missing = new ArrayList<>();
            for (Path p = key; p != null && !delegate.exists(p); p = p.getParent()) {
                missing.add(0, p);
            }
            delegate.createDirectories(key);
            for (Path p : missing) {
                pendingDirOps.add(DirOp.created(p, true));
            }
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        Path key = key(path);
        synchronized (lock) {
            boolean dir = isDirectory(key);
            byte[] image = dir || !delegate.exists(key) ? null : durableImage(key);
            delegate.delete(key);
            files.remove(key);
            pendingDirOps.add(DirOp.deleted(key, dir, image));
        }
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        synchronized (lock) {
            if (!delegate.exists(path)) {
                return false;
            }
            delete(path);
            return true;
        }
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        Path src = key(source);
        Path tgt = key(target);
        synchronized (lock) {
            byte[] replaced = delegate.exists(tgt) ? durableImage(tgt) : null;
            delegate.rename(src, tgt);
            files.remove(tgt);
            FaultInjectingFileHandle.State moved = files.remove(src);
            if (moved != null) {
                files.put(tgt, moved);
            }
            pendingDirOps.add(DirOp.renamed(src, tgt, replaced));
        }
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        Path key = key(dir);
        synchronized (lock) {
            maybeFail(Op.SYNC_DIRECTORY, key);
            if (forwardSyncs) {
                delegate.syncDirectory(key);
            }
            for (Iterator<DirOp> it = pendingDirOps.iterator(); it.hasNext(); ) {
                DirOp op = it.next();
                op.unsyncedDirs.remove(key);
                if (op.unsyncedDirs.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    @Override
    public long size(Path file) throws IOException {
        return delegate.size(file);
    }

    @Override
    public Path toRealPath(Path path) throws IOException {
        return delegate.toRealPath(path);
    }

    // ---- internals ----

    void handleClosed(FaultInjectingFileHandle h) {
        openHandles.remove(h);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private boolean isDirectory(Path p) {
        try {
            delegate.list(p);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Counts an operation and throws if an armed fault fires. Called under {@code lock}. */
    void maybeFail(Op op, Path path) throws IOException {
        long n = counts.merge(op, 1L, Long::sum);
        for (Fault f : faults) {
            if (f.op == op && f.fires()) {
                throw new IOException(f.noSpace ? IoErrors.NO_SPACE_MESSAGE
                        : "Input/output error (injected: " + op + " #" + n + " on " + path + ")");
            }
        }
    }

    /** The bytes a crash right now would leave in the file (only its synced state). */
    private byte[] durableImage(Path file) throws IOException {
        FaultInjectingFileHandle.State state = files.get(file);
        try (FileHandle h = delegate.open(file, OpenMode.READ)) {
            long size = h.size();
            long length = state == null ? size : state.syncedLength;
            byte[] image = new byte[Math.toIntExact(length)];
            ByteBuffer buf = ByteBuffer.wrap(image, 0, (int) Math.min(size, length));
            h.readFully(buf, 0);
            if (state != null) {
                for (int i = state.undo.size() - 1; i >= 0; i--) {
                    FaultInjectingFileHandle.Undo u = state.undo.get(i);
                    System.arraycopy(u.bytes(), 0, image, (int) u.offset(), u.bytes().length);
                }
            }
            return image;
        }
    }

    private void revert(DirOp op) throws IOException {
        switch (op.kind) {
            case CREATED -> {
                deleteRecursively(op.path);
                files.keySet().removeIf(p -> p.startsWith(op.path));
            }
            case DELETED -> {
                if (op.directory) {
                    delegate.createDirectories(op.path);
                } else {
                    writeWhole(op.path, op.content);
                }
            }
            case RENAMED -> {
                if (delegate.exists(op.target)) {
                    delegate.rename(op.target, op.path);
                    FaultInjectingFileHandle.State moved = files.remove(op.target);
                    if (moved != null) {
                        files.put(op.path, moved);
                    }
                }
                if (op.content != null) {
                    writeWhole(op.target, op.content);
                }
            }
        }
    }

    private void deleteRecursively(Path p) throws IOException {
        if (!delegate.exists(p)) {
            return;
        }
        if (isDirectory(p)) {
            for (Path child : delegate.list(p)) {
                deleteRecursively(child);
            }
        }
        delegate.delete(p);
    }

    private void writeWhole(Path file, byte[] content) throws IOException {
        delegate.deleteIfExists(file);
        try (FileHandle h = delegate.open(file, OpenMode.CREATE_NEW)) {
            h.write(ByteBuffer.wrap(content), 0);
        }
    }

    private void loseUnsyncedData(Path file, FaultInjectingFileHandle.State state, CrashMode mode, Random random)
            throws IOException {
        try (FileHandle h = delegate.open(file, OpenMode.READ_WRITE)) {
            long current = h.size();
            if (mode == CrashMode.SECTORS_UNSYNCED) {
                loseUnsyncedSectors(h, state, current, random);
                return;
            }
            for (int i = state.undo.size() - 1; i >= 0; i--) {
                FaultInjectingFileHandle.Undo u = state.undo.get(i);
                h.write(ByteBuffer.wrap(u.bytes()), u.offset());
            }
            long synced = state.syncedLength;
            if (current <= synced) {
                return;
            }
            switch (mode) {
                case DROP_UNSYNCED -> h.truncate(synced);
                case ZERO_UNSYNCED -> h.write(ByteBuffer.allocate(Math.toIntExact(current - synced)), synced);
                case TORN_UNSYNCED -> h.truncate(synced + random.nextLong(current - synced + 1));
                case KEEP_UNSYNCED, SECTORS_UNSYNCED -> throw new AssertionError("not reached for " + mode);
            }
        }
    }

    /**
     * {@link CrashMode#SECTORS_UNSYNCED}: decides for each sector an unsynced write touched whether
     * its new content reached the disk, then puts the synced bytes back into the lost ones (undo
     * newest first, so the oldest, synced bytes win) and zeroes lost sectors of a grown tail.
     */
    private static void loseUnsyncedSectors(FileHandle h, FaultInjectingFileHandle.State state, long current,
                                            Random random) throws IOException {
        long synced = state.syncedLength;
        Map<Long, Boolean> kept = new TreeMap<>();
        for (FaultInjectingFileHandle.Undo u : state.undo) {
            for (long s = u.offset() / SECTOR_SIZE; s * SECTOR_SIZE < u.offset() + u.bytes().length; s++) {
                kept.computeIfAbsent(s, k -> random.nextBoolean());
            }
        }
        for (int i = state.undo.size() - 1; i >= 0; i--) {
            FaultInjectingFileHandle.Undo u = state.undo.get(i);
            long end = u.offset() + u.bytes().length;
            for (long s = u.offset() / SECTOR_SIZE; s * SECTOR_SIZE < end; s++) {
                if (!kept.get(s)) {
                    long from = Math.max(u.offset(), s * SECTOR_SIZE);
                    long to = Math.min(end, (s + 1) * SECTOR_SIZE);
                    h.write(ByteBuffer.wrap(u.bytes(), (int) (from - u.offset()), (int) (to - from)), from);
                }
            }
        }
        if (current <= synced) {
            return;
        }
        long length = synced + random.nextLong(current - synced + 1);
        h.truncate(length);
        for (long s = synced / SECTOR_SIZE; s * SECTOR_SIZE < length; s++) {
            if (!kept.computeIfAbsent(s, k -> random.nextBoolean())) {
                long from = Math.max(synced, s * SECTOR_SIZE);
                long to = Math.min(length, (s + 1) * SECTOR_SIZE);
                h.write(ByteBuffer.allocate((int) (to - from)), from);
            }
        }
    }

    private static final class Fault {
        final Op op;
        final boolean sticky;
        final boolean noSpace;
        long remaining;
        boolean fired;

        Fault(Op op, long nth, boolean sticky, boolean noSpace) {
            this.op = op;
            this.remaining = nth;
            this.sticky = sticky;
            this.noSpace = noSpace;
        }

        boolean fires() {
            if (fired) {
                return sticky;
            }
            if (--remaining == 0) {
                fired = true;
                return true;
            }
            return false;
        }
    }

    /** A directory-entry change not yet made durable by syncing the directories it touched. */
    private static final class DirOp {
        enum Kind { CREATED, DELETED, RENAMED }

        final Kind kind;
        final Path path;
        final Path target;
        final boolean directory;
        /** DELETED: the durable content; RENAMED: the durable content of the replaced target. */
        final byte[] content;
        final Set<Path> unsyncedDirs = new HashSet<>();

        private DirOp(Kind kind, Path path, Path target, boolean directory, byte[] content) {
            this.kind = kind;
            this.path = path;
            this.target = target;
            this.directory = directory;
            this.content = content;
            unsyncedDirs.add(path.getParent());
            if (target != null) {
                unsyncedDirs.add(target.getParent());
            }
        }

        static DirOp created(Path path, boolean directory) {
            return new DirOp(Kind.CREATED, path, null, directory, null);
        }

        static DirOp deleted(Path path, boolean directory, byte[] content) {
            return new DirOp(Kind.DELETED, path, null, directory, content);
        }

        static DirOp renamed(Path source, Path target, byte[] replaced) {
            return new DirOp(Kind.RENAMED, source, target, false, replaced);
        }
    }
}
