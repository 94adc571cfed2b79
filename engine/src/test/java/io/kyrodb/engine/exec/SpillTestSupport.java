package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.TempSpace;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.types.SqlType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/** Helpers for the spilling operators' tests: a file system that counts spill files, a row source. */
final class SpillTestSupport {
    private SpillTestSupport() {
    }

    /** Seed for randomized tests: -Dkyro.seed=N to rerun one, else the given default. */
    static long seed(String test, long defaultSeed) {
        long seed = Long.getLong("kyro.seed", defaultSeed);
        System.out.println(test + " seed=" + seed + " (rerun: ./mvnw -o -pl engine -am test -Dtest="
                + test.substring(0, test.indexOf('.')) + " -Dsurefire.failIfNoSpecifiedTests=false -Dkyro.seed="
                + seed + ")");
        return seed;
    }

    /** Counts the files created, and the most that existed at once, in front of a real file system. */
    static final class CountingFileSystem implements FileSystem {
        private final FileSystem delegate;
        int created;
        int live;
        int maxLive;

        CountingFileSystem(FileSystem delegate) {
            this.delegate = delegate;
        }

        @Override
        public FileHandle open(Path file, OpenMode mode) throws IOException {
            FileHandle h = delegate.open(file, mode);
            if (mode == OpenMode.CREATE_NEW) {
                created++;
                maxLive = Math.max(maxLive, ++live);
            }
            return h;
        }

        @Override
        public boolean deleteIfExists(Path path) throws IOException {
            boolean deleted = delegate.deleteIfExists(path);
            if (deleted) {
                live--;
            }
            return deleted;
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
            delegate.createDirectories(dir);
        }

        @Override
        public void delete(Path path) throws IOException {
            delegate.delete(path);
            live--;
        }

        @Override
        public void rename(Path source, Path target) throws IOException {
            delegate.rename(source, target);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            delegate.syncDirectory(dir);
        }

        @Override
        public long size(Path file) throws IOException {
            return delegate.size(file);
        }

        @Override
        public Path toRealPath(Path path) throws IOException {
            return delegate.toRealPath(path);
        }
    }

    static ExecContext context(FileSystem fs, Path dir, long workMem, AtomicBoolean cancel) {
        return new ExecContext(new Object[0], new ReadView(Long.MAX_VALUE, false), cancel, workMem,
                TempSpace.inDatabase(fs, dir));
    }

    /** The files in {@code dir}/tmp (where the test's TempSpace spills), none if it was never created. */
    static List<Path> spillFiles(FileSystem fs, Path dir) throws IOException {
        Path tmp = dir.resolve("tmp");
        return fs.exists(tmp) ? fs.list(tmp) : List.of();
    }

    /** A leaf that returns the given rows; {@code beforeRow} runs before each (to cancel, to fail). */
    record RowsNode(List<Object[]> rows, IntConsumer beforeRow) implements PlanNode {
        RowsNode(List<Object[]> rows) {
            this(rows, i -> { });
        }

        @Override
        public RowIterator open(ExecContext ctx) {
            int[] next = {0};
            return () -> {
                if (next[0] >= rows.size()) {
                    return null;
                }
                beforeRow.accept(next[0]);
                return rows.get(next[0]++);
            };
        }

        @Override
        public String describe() {
            return "Rows";
        }

        @Override
        public List<PlanNode> children() {
            return List.of();
        }
    }

    static BoundExpr column(int index, SqlType type) {
        return new ColumnExpr(index, type, "t", "c" + index, true);
    }

    static List<Object[]> drain(RowIterator it) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] row; (row = it.next()) != null; ) {
            out.add(row);
        }
        return out;
    }
}
