package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run cursor given an {@link IntRangeFilter} skips, in blocks the cache holds decoded, exactly
 * the rows whose integer columns fall outside the ranges; it returns every row where it cannot
 * tell (a block not decoded, a column with a NULL or a non-integer in the block, a block with
 * older versions or entries newer than the view), and never loses a row that passes.
 */
class IntRangeFilterTest {
    @TempDir
    Path dir;

    /** Rows {id, id * 37 % 1000, id % 10, text}: keys 0..1999, deletes at every 13th key. */
    private Run write(String name, BlockCache cache, Object[] special, int specialKey) throws IOException {
        Path file = dir.resolve(name);
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 4)) {
            for (int k = 0; k < 2000; k++) {
                Object[] row = k == specialKey ? special : k % 13 == 5 ? null : new Object[]{k, k * 37 % 1000, k % 10, "r" + k};
                w.add(KeyCodec.encode(k), 10, row == null ? null : encode(row));
            }
            w.finish();
        }
        return Run.open(LocalFileSystem.INSTANCE, file, name.hashCode() & 0xFFFF, cache);
    }

    private static byte[] encode(Object[] row) {
        ByteWriter w = new ByteWriter();
        ValueCodec.writeRow(w, row);
        return w.toByteArray();
    }

    private static List<Object[]> scan(Run run, long seq, IntRangeFilter filter) {
        List<Object[]> rows = new ArrayList<>();
        KeyCursor c = run.cursor(null, seq, filter);
        while (c.next()) {
            if (c.row() != null) {
                rows.add(c.row());
            }
        }
        return rows;
    }

    private static List<Integer> ids(List<Object[]> rows, Predicate<Object[]> keep) {
        return rows.stream().filter(keep).map(r -> (Integer) r[0]).toList();
    }

    private static IntRangeFilter filter(int[] columns, int[] low, int[] high) {
        return IntRangeFilter.of(columns, low, high);
    }

    @Test
    void decodedBlocksSkipExactlyTheRowsOutsideTheRanges() throws IOException {
        Run run = write("a.run", new BlockCache(64 << 20), null, -1);
        assertThat(run.index().blockCount()).as("several blocks").isGreaterThan(10);
        List<Object[]> all = scan(run, Long.MAX_VALUE, null);   // decodes every block into the cache
        assertThat(all).hasSize(2000 - 154);
        record Case(IntRangeFilter filter, Predicate<Object[]> passes) {
        }
        List<Case> cases = List.of(
                new Case(filter(new int[]{1}, new int[]{Integer.MIN_VALUE}, new int[]{19}), r -> (int) r[1] <= 19),
                new Case(filter(new int[]{1}, new int[]{990}, new int[]{Integer.MAX_VALUE}), r -> (int) r[1] >= 990),
                new Case(filter(new int[]{1}, new int[]{500}, new int[]{500}), r -> (int) r[1] == 500),
                new Case(filter(new int[]{1, 2}, new int[]{0, 7}, new int[]{299, 7}), r -> (int) r[1] <= 299 && (int) r[2] == 7),
                new Case(filter(new int[]{0}, new int[]{1000}, new int[]{1010}), r -> (int) r[0] >= 1000 && (int) r[0] <= 1010),
                new Case(filter(new int[]{1}, new int[]{1}, new int[]{0}), r -> false),   // an empty range
                new Case(filter(new int[]{1}, new int[]{Integer.MIN_VALUE}, new int[]{Integer.MAX_VALUE}), r -> true),
                new Case(filter(new int[]{1}, new int[]{-50}, new int[]{-1}), r -> false),   // below every value
                new Case(filter(new int[]{7}, new int[]{0}, new int[]{0}), r -> true));   // past the rows' width: nothing skipped
        for (Case c : cases) {
            List<Object[]> got = scan(run, Long.MAX_VALUE, c.filter());
            assertThat(ids(got, r -> true)).as("%s", c.filter()).isEqualTo(ids(all, c.passes()));
        }
        assertThat(scan(run, 5, filter(new int[]{1}, new int[]{0}, new int[]{19}))).as("a view older than every entry").isEmpty();
        run.close();
    }

    @Test
    void blocksThatCannotTellReturnEveryRow() throws IOException {
        IntRangeFilter low = filter(new int[]{1}, new int[]{Integer.MIN_VALUE}, new int[]{19});
        // no cache: no decoded block, nothing skipped
        Run undecoded = write("b.run", new BlockCache(0), null, -1);
        List<Object[]> all = scan(undecoded, Long.MAX_VALUE, null);
        assertThat(ids(scan(undecoded, Long.MAX_VALUE, low), r -> true)).isEqualTo(ids(all, r -> true));
        undecoded.close();

        // a NULL in column 1 of key 700's block: that block keeps its rows, the others skip theirs
        Run withNull = write("c.run", new BlockCache(64 << 20), new Object[]{700, null, 0, "null"}, 700);
        all = scan(withNull, Long.MAX_VALUE, null);
        List<Object[]> got = scan(withNull, Long.MAX_VALUE, low);
        List<Integer> failing = ids(got, r -> r[1] == null || (int) r[1] > 19);
        assertThat(failing).as("the NULL's block keeps its rows").contains(700);
        assertThat(failing.size()).as("the other blocks skip theirs").isLessThan(ids(all, r -> r[1] == null || (int) r[1] > 19).size() / 4);
        assertThat(ids(got, r -> r[1] != null && (int) r[1] <= 19)).as("no passing row lost")
                .isEqualTo(ids(all, r -> r[1] != null && (int) r[1] <= 19));
        // column 2 has no NULL: skipped in every block, the NULL's too
        assertThat(ids(scan(withNull, Long.MAX_VALUE, filter(new int[]{2}, new int[]{3}, new int[]{3})), r -> true))
                .isEqualTo(ids(all, r -> (int) r[2] == 3));
        withNull.close();

        // a text value in column 1 of one row: likewise
        Run withText = write("d.run", new BlockCache(64 << 20), new Object[]{700, "seven hundred", 0, "t"}, 700);
        scan(withText, Long.MAX_VALUE, null);
        assertThat(ids(scan(withText, Long.MAX_VALUE, low), r -> !(r[1] instanceof Integer))).containsExactly(700);
        withText.close();
    }

    @Test
    void olderVersionsInABlockAreReadAsTheViewSeesThem() throws IOException {
        Path file = dir.resolve("v.run");
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 4)) {
            for (int k = 0; k < 600; k++) {
                if (k % 50 == 0) {   // a newer version that passes over an older one that fails
                    w.add(KeyCodec.encode(k), 20, encode(new Object[]{k, 1, 0, "new"}));
                }
                w.add(KeyCodec.encode(k), 10, encode(new Object[]{k, 900, 0, "old"}));
            }
            w.finish();
        }
        Run run = Run.open(LocalFileSystem.INSTANCE, file, 81, new BlockCache(64 << 20));
        scan(run, Long.MAX_VALUE, null);
        IntRangeFilter low = filter(new int[]{1}, new int[]{0}, new int[]{19});
        List<Object[]> now = scan(run, Long.MAX_VALUE, low);
        assertThat(ids(now, r -> (int) r[1] <= 19)).as("the new versions")
                .containsExactly(0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500, 550);
        assertThat(now).allMatch(r -> (int) r[1] == 1 || r[3].equals("old"));
        List<Object[]> before = scan(run, 15, low);
        assertThat(ids(before, r -> (int) r[1] <= 19)).as("a view before them sees only the old versions").isEmpty();
        assertThat(before).allMatch(r -> r[3].equals("old"));
        run.close();
    }
}
