package io.kyrodb.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The disk's own commit ceiling, measured as pg_test_fsync does, with {@link FileChannel} only and no
 * database: for a fixed time, write one 8 kB block and force it to the device, again and again, one
 * at a time; the figure is forces per second. A committer that must wait for its own fsync cannot
 * commit faster than this. It runs next to the engine's database directory (same file system), in
 * a file it deletes afterwards, two patterns one after the other:
 *
 * <ul>
 *   <li><b>overwrite</b>: always at offset 0 of a file that already holds the block, then
 *       {@code force(false)} (fdatasync). The size never changes, so only the data goes to the
 *       device: the raw rate, the ceiling for the ratio columns.</li>
 *   <li><b>append</b>: each block after the previous one, then {@code force(true)} (fsync). The file
 *       grows, so each force also commits the file system's metadata (size, mtime; a journal commit
 *       on ext4): what a WAL that appends and fsyncs pays per commit.</li>
 * </ul>
 *
 * <p>It does not use the engine, so it tells how noisy the disk was around that engine's run rather
 * than anything about the engine.
 */
public final class FsyncProbe implements Workload {

    static final int BLOCK_SIZE = 8192;
    private static final long FILL_SEED = 0x6673796E63L;

    private final Duration duration;

    public FsyncProbe(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, not " + duration);
        }
        this.duration = duration;
    }

    @Override
    public String name() {
        return "fsync";
    }

    @Override
    public String method() {
        return String.format(Locale.ROOT, "no database: for %s s each, write an 8 kB block and force it,"
                + " one at a time (as pg_test_fsync), in a file next to the engine's directory; fsync/s"
                + " overwrites offset 0 with force(false) (fdatasync: the raw disk rate, the ceiling of"
                + " one committer), append fsync/s appends with force(true) (fsync: also commits the"
                + " file's growing size, as an appending WAL does)", CompareOptions.seconds(duration));
    }

    @Override
    public WorkloadResult run(BenchDatabase database, Dataset data, PrintStream log) {
        Path file = database.scratchDir().resolve(database.engine().key() + ".fsync-probe");
        try {
            Rate overwrite = measure(file, false);
            log.printf("    overwrite + force(false): %,.0f/s%n", overwrite.perSecond());
            Rate append = measure(file, true);
            log.printf("    append + force(true): %,.0f/s%n", append.perSecond());
            return new WorkloadResult(List.of(
                    new Measurement("fsync_per_s", "fsync/s", overwrite.perSecond(), 0),
                    new Measurement("append_fsync_per_s", "append fsync/s", append.perSecond(), 0)),
                    List.of(), List.of(String.format(Locale.ROOT,
                            "%,d overwrites + force(false) in %.2f s; %,d appends + force(true) in %.2f s"
                                    + " (%.1f MB)", overwrite.forces(), overwrite.seconds(), append.forces(),
                            append.seconds(), append.forces() * (double) BLOCK_SIZE / 1e6)));
        } catch (IOException e) {
            throw new UncheckedIOException("fsync probe on " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forces in {@code duration}: appending blocks with force(true), or overwriting one with force(false). */
    private Rate measure(Path file, boolean append) throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_SIZE);
        SplittableRandom random = new SplittableRandom(FILL_SEED);
        while (block.hasRemaining()) {
            block.put((byte) random.nextInt());
        }
        Files.deleteIfExists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (!append) {
                writeFully(channel, block, 0, 0);
                channel.force(true); // the block and the file's size are on disk before timing
            }
            long forces = 0;
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            long now = start;
            while (now < deadline) {
                long position = append ? forces * BLOCK_SIZE : 0;
                writeFully(channel, block, position, forces);
                channel.force(append);
                forces++;
                now = System.nanoTime();
            }
            return new Rate(forces, (now - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes the block at {@code position}, its first 8 bytes set to {@code counter} so no two writes are equal. */
    private static void writeFully(FileChannel channel, ByteBuffer block, long position, long counter)
            throws IOException {
        block.putLong(0, counter);
        block.clear();
        long at = position;
        while (block.hasRemaining()) {
            at += channel.write(block, at);
        }
    }

    private record Rate(long forces, double seconds) {

        double perSecond() {
            return forces / seconds;
        }
    }
}
