package io.kyrodb.engine.storage;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.storage.run.BlockCache;
import io.kyrodb.engine.storage.run.KeyCursor;
import io.kyrodb.engine.storage.run.Run;
import io.kyrodb.engine.storage.run.RunWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merge of runs (read raw or from decoded cached blocks, whose cursors skip key comparisons a
 * block at a time) and in-memory sources returns each key once, with the newest source's visible
 * version, against a model, for sources whose key ranges overlap, touch or lie apart.
 */
class MergeCursorTest {
    @TempDir
    Path dir;

    /** A source: key -> versions newest first, each {seq, value or null for a delete}. */
    private record Source(TreeMap<Long, List<Object[]>> versions) {
    }

    private static Object[] visible(List<Object[]> versions, long seq) {
        for (Object[] v : versions) {
            if ((Long) v[0] <= seq) {
                return v;
            }
        }
        return null;
    }

    private static Source randomSource(Random r, long lo, long hi, int keys) {
        TreeMap<Long, List<Object[]>> m = new TreeMap<>();
        for (int i = 0; i < keys; i++) {
            long k = lo + (long) (r.nextDouble() * (hi - lo));
            List<Object[]> versions = new ArrayList<>();
            long seq = 1000;
            int n = 1 + (r.nextInt(5) == 0 ? r.nextInt(3) : 0);
            for (int j = 0; j < n; j++) {
                seq -= 1 + r.nextInt(300);
                versions.add(new Object[]{seq, r.nextInt(8) == 0 ? null : "k" + k + "@" + seq});
            }
            m.put(k, versions);
        }
        return new Source(m);
    }

    private Run write(String name, Source s, BlockCache cache) throws IOException {
        Path file = dir.resolve(name);
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 4)) {
            for (Map.Entry<Long, List<Object[]>> e : s.versions.entrySet()) {
                for (Object[] v : e.getValue()) {
                    byte[] row = null;
                    if (v[1] != null) {
                        ByteWriter bw = new ByteWriter();
                        ValueCodec.writeRow(bw, new Object[]{e.getKey(), v[1]});
                        row = bw.toByteArray();
                    }
                    w.add(KeyCodec.encode(e.getKey()), (Long) v[0], row);
                }
            }
            w.finish();
        }
        return Run.open(LocalFileSystem.INSTANCE, file, Math.abs(name.hashCode() % 10000), cache);
    }

    /** An in-memory source, as a memtable's cursor is: keys compared by the default method. */
    private static KeyCursor listCursor(Source s, long seq) {
        List<Map.Entry<Long, Object[]>> seen = new ArrayList<>();
        for (Map.Entry<Long, List<Object[]>> e : s.versions.entrySet()) {
            Object[] v = visible(e.getValue(), seq);
            if (v != null) {
                seen.add(Map.entry(e.getKey(), v));
            }
        }
        return new KeyCursor() {
            private int i = -1;
            private byte[] key;

            @Override
            public boolean next() {
                if (++i >= seen.size()) {
                    return false;
                }
                key = KeyCodec.encode(seen.get(i).getKey());
                return true;
            }

            @Override
            public byte[] key() {
                return key;
            }

            @Override
            public Object[] row() {
                Object[] v = seen.get(i).getValue();
                return v[1] == null ? null : new Object[]{seen.get(i).getKey(), v[1]};
            }
        };
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3, 17, 2024, 77777})
    void mergeReturnsTheNewestVisibleVersionOfEachKeyOnce(long seed) throws IOException {
        System.out.println("MergeCursorTest seed=" + seed + " (rerun with this seed to reproduce)");
        Random r = new Random(seed);
        BlockCache cache = new BlockCache(64 << 20);
        int sourceCount = 2 + r.nextInt(4);
        List<Source> sources = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        long base = -5000;
        for (int i = 0; i < sourceCount; i++) {
            long lo;
            long hi;
            switch (r.nextInt(3)) {
                case 0 -> { lo = base; hi = base + 4000; base = hi; }          // apart, in key order
                case 1 -> { lo = base - 2000; hi = base + 2000; base = hi; }   // overlapping the last
                default -> { lo = -6000; hi = 20000; }                         // overlapping all
            }
            Source s = randomSource(r, lo, hi, 300 + r.nextInt(2000));
            sources.add(s);
            runs.add(i == 0 ? null : write("s" + i + ".run", s, cache));
        }
        for (long seq : new long[]{0, 400, 800, 1000}) {
            for (int pass = 0; pass < 2; pass++) {   // the second pass reads blocks decoded into the cache
                List<KeyCursor> cursors = new ArrayList<>();
                for (int i = 0; i < sourceCount; i++) {
                    cursors.add(i == 0 ? listCursor(sources.get(i), seq) : runs.get(i).cursor(null, seq));
                }
                MergeCursor merged = new MergeCursor(cursors);
                TreeMap<Long, Object[]> want = new TreeMap<>();
                for (int i = sourceCount - 1; i >= 0; i--) {   // newer sources overwrite older ones
                    for (Map.Entry<Long, List<Object[]>> e : sources.get(i).versions.entrySet()) {
                        Object[] v = visible(e.getValue(), seq);
                        if (v != null) {
                            want.put(e.getKey(), v);
                        }
                    }
                }
                for (Map.Entry<Long, Object[]> e : want.entrySet()) {
                    assertThat(merged.next()).as("key %d at seq %d", e.getKey(), seq).isTrue();
                    assertThat(merged.key()).as("seq %d", seq).isEqualTo(KeyCodec.encode(e.getKey()));
                    Object[] v = e.getValue();
                    if (v[1] == null) {
                        assertThat(merged.row()).as("key %d deleted", e.getKey()).isNull();
                    } else {
                        assertThat(merged.row()).as("key %d", e.getKey()).isNotNull();
                        assertThat(Arrays.asList(merged.row())).containsExactly(e.getKey(), v[1]);
                    }
                }
                assertThat(merged.next()).isFalse();
                assertThat(merged.next()).isFalse();
            }
        }
        for (Run run : runs) {
            if (run != null) {
                run.close();
            }
        }
    }
}
