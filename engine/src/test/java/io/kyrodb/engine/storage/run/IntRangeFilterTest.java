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
 * the rows whose integer columns fall outside the ranges or sets; it returns every row where it
 * cannot tell (a block not decoded, a column with a non-integer in the block, a block with older
 * versions or entries newer than the view), and never loses a row that passes.
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
    void aSetOfValuesSkipsTheRowsHoldingNoneOfThem() throws IOException {
        Run run = write("s.run", new BlockCache(64 << 20), null, -1);
        List<Object[]> all = scan(run, Long.MAX_VALUE, null);
        int[] keys = {3, 40, 41, 500, 999};
        long[] bits = new long[(999 - 3) / 64 + 1];
        for (int k : keys) {
            bits[(k - 3) >>> 6] |= 1L << (k - 3);
        }
        IntRangeFilter set = IntRangeFilter.members(1, 3, 999, bits);
        java.util.Set<Integer> wanted = java.util.Set.of(3, 40, 41, 500, 999);
        assertThat(ids(scan(run, Long.MAX_VALUE, set), r -> true)).isEqualTo(ids(all, r -> wanted.contains((Integer) r[1])));
        IntRangeFilter withRange = IntRangeFilter.both(set, filter(new int[]{2}, new int[]{0}, new int[]{4}));
        assertThat(ids(scan(run, Long.MAX_VALUE, withRange), r -> true)).as("and column 2 in [0, 4]")
                .isEqualTo(ids(all, r -> wanted.contains((Integer) r[1]) && (int) r[2] <= 4));
        assertThat(scan(run, Long.MAX_VALUE, IntRangeFilter.members(1, 1, 0, new long[0]))).as("no values").isEmpty();
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

        // a NULL in column 1 of key 700: no range holds a NULL, so its row may come up (its slot
        // holds 0, inside this range) or not; every other row of its block is skipped as before
        Run withNull = write("c.run", new BlockCache(64 << 20), new Object[]{700, null, 0, "null"}, 700);
        all = scan(withNull, Long.MAX_VALUE, null);
        List<Object[]> got = scan(withNull, Long.MAX_VALUE, low);
        assertThat(ids(got, r -> true)).isEqualTo(ids(all, r -> r[1] == null || (int) r[1] <= 19));
        assertThat(ids(scan(withNull, Long.MAX_VALUE, filter(new int[]{1}, new int[]{5}, new int[]{19})), r -> true))
                .as("a range without 0 skips the NULL's row too").isEqualTo(ids(all, r -> r[1] != null && (int) r[1] >= 5 && (int) r[1] <= 19));
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
