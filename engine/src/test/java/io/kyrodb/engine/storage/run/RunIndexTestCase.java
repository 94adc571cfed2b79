package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
 * The shared test of the run indexes (Lucene's BaseKnnVectorsFormatTestCase pattern): a subclass
 * names the index, and every test here runs it over runs of adversarial keys against a TreeMap
 * oracle: point lookups of present, absent and neighbouring keys at several snapshots, and cursors
 * from random keys. Bigint keys of every {@link KeyDistributions}, text keys sharing long prefixes,
 * UUID-like composite keys.
 */
abstract class RunIndexTestCase {
    @TempDir
    Path dir;

    abstract IndexKind kind();

    private static final Comparator UNSIGNED = new Comparator();

    private static final class Comparator implements java.util.Comparator<byte[]> {
        @Override
        public int compare(byte[] a, byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }
    }

    /** key -> versions newest first: {seq, row or null}. */
    private TreeMap<byte[], List<Object[]>> versions(List<byte[]> keys, Random r) {
        TreeMap<byte[], List<Object[]>> m = new TreeMap<>(UNSIGNED);
        for (byte[] k : keys) {
            List<Object[]> v = new ArrayList<>();
            long seq = 1000;
            int n = r.nextInt(8) == 0 ? 2 + r.nextInt(3) : 1;
            for (int i = 0; i < n; i++) {
                seq -= 1 + r.nextInt(50);
                v.add(new Object[]{seq, r.nextInt(10) == 0 ? null : new Object[]{"v" + seq, (long) k.length}});
            }
            m.put(k, v);
        }
        return m;
    }

    private Run write(TreeMap<byte[], List<Object[]>> data, int epsilon) throws IOException {
        Path file = dir.resolve("r" + System.nanoTime() + ".run");
        int skip = RunFormat.sharedPrefix(data.firstKey(), data.lastKey());
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, skip, epsilon)) {
            for (Map.Entry<byte[], List<Object[]>> e : data.entrySet()) {
                for (Object[] v : e.getValue()) {
                    byte[] row = null;
                    if (v[1] != null) {
                        ByteWriter out = new ByteWriter();
                        ValueCodec.writeRow(out, (Object[]) v[1]);
                        row = out.toByteArray();
                    }
                    w.add(e.getKey(), (Long) v[0], row);
                }
            }
            w.finish();
        }
        return Run.open(LocalFileSystem.INSTANCE, file, 7, new BlockCache(4 << 20), kind());
    }

    private static Object[] visible(List<Object[]> versions, long seq) {
        if (versions == null) {
            return null;
        }
        for (Object[] v : versions) {
            if ((Long) v[0] <= seq) {
                return v[1] == null ? Run.DELETED : (Object[]) v[1];
            }
        }
        return null;
    }

    private void check(TreeMap<byte[], List<Object[]>> data, Run run, Random r, List<byte[]> probes) {
        for (long seq : new long[]{960, 1000}) {
            for (byte[] k : probes) {
                Object[] want = visible(data.get(k), seq);
                Object[] got = run.get(k, seq);
                if (want == null || want == Run.DELETED) {
                    assertThat(got).as("%s at %d", Arrays.toString(k), seq).isSameAs(want);
                } else {
                    assertThat(got).as("%s at %d", Arrays.toString(k), seq).containsExactly(want);
                }
            }
            for (int c = 0; c < 20; c++) {
                byte[] from = probes.get(r.nextInt(probes.size()));
                KeyCursor cursor = run.cursor(from, seq);
                int seen = 0;
                for (Map.Entry<byte[], List<Object[]>> e : data.tailMap(from, true).entrySet()) {
                    Object[] want = visible(e.getValue(), seq);
                    if (want == null) {
                        continue;
                    }
                    assertThat(cursor.next()).as("cursor from %s", Arrays.toString(from)).isTrue();
                    assertThat(cursor.key()).isEqualTo(e.getKey());
                    if (++seen == 200) {
                        break;
                    }
                }
                if (seen < 200) {
                    assertThat(cursor.next()).isFalse();
                }
            }
            checkSeeks(data, run, r, probes, seq);
        }
    }

    /**
     * One cursor sought again and again (an index probe per outer row): in key order, as outer
     * rows in key order probe, and in random order; each seek's first keys, deletes and rows.
     */
    private void checkSeeks(TreeMap<byte[], List<Object[]>> data, Run run, Random r, List<byte[]> probes, long seq) {
        List<byte[]> order = new ArrayList<>(probes.subList(0, Math.min(400, probes.size())));
        order.sort(Arrays::compareUnsigned);
        for (boolean shuffled : new boolean[]{false, true}) {
            if (shuffled) {
                java.util.Collections.shuffle(order, r);
            }
            KeyCursor reused = run.cursor(order.get(0), seq);
            for (byte[] from : order) {
                reused.seek(from);
                int seen = 0;
                for (Map.Entry<byte[], List<Object[]>> e : data.tailMap(from, true).entrySet()) {
                    Object[] want = visible(e.getValue(), seq);
                    if (want == null) {
                        continue;
                    }
                    assertThat(reused.next()).as("seek to %s (shuffled: %s)", Arrays.toString(from), shuffled).isTrue();
                    assertThat(reused.key()).isEqualTo(e.getKey());
                    assertThat(reused.deleted()).isEqualTo(want == Run.DELETED);
                    if (want != Run.DELETED) {
                        assertThat(reused.row()).containsExactly(want);
                    }
                    if (++seen == 3) {
                        break;
                    }
                }
                if (seen < 3) {
                    assertThat(reused.next()).isFalse();
                }
            }
        }
    }

    /** Every key, each key plus and minus one in its last byte, and random keys. */
    private static List<byte[]> probes(List<byte[]> keys, Random r) {
        List<byte[]> p = new ArrayList<>();
        for (byte[] k : keys) {
            p.add(k);
            byte[] up = k.clone();
            up[up.length - 1]++;
            p.add(up);
            byte[] down = k.clone();
            down[down.length - 1]--;
            p.add(down);
        }
        for (int i = 0; i < 500; i++) {
            p.add(KeyCodec.encode(r.nextLong()));
        }
        p.add(KeyCodec.encode(Long.MIN_VALUE));
        p.add(KeyCodec.encode(Long.MAX_VALUE));
        return p;
    }

    @ParameterizedTest
    @EnumSource(KeyDistributions.class)
    void bigintKeysOfEveryDistribution(KeyDistributions d) throws IOException {
        long seed = 1000L + d.ordinal();
        System.out.println(getClass().getSimpleName() + " " + d + " seed=" + seed);
        Random r = new Random(seed);
        List<byte[]> keys = new ArrayList<>();
        for (long k : Arrays.stream(d.keys(20_000, seed)).distinct().toArray()) {
            keys.add(KeyCodec.encode(k));
        }
        TreeMap<byte[], List<Object[]>> data = versions(keys, r);
        for (int epsilon : new int[]{2, 16}) {
            Run run = write(data, epsilon);
            check(data, run, r, probes(keys, r));
            run.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void textKeysThatShareLongPrefixesAndUuidLikeCompositeKeys(int seed) throws IOException {
        Random r = new Random(seed);
        List<byte[]> text = new ArrayList<>();
        List<byte[]> composite = new ArrayList<>();
        List<byte[]> crowded = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            text.add(KeyCodec.encode("customer/eu-west/" + String.format("%08d", r.nextInt(50_000_000)) + "/x"));
            composite.add(KeyCodec.encode(new Object[]{r.nextLong() & 0xFFFF_FFFF_0000_0000L, r.nextLong()}));
            // Three tenants, small ids: thousands of keys share the 8 bytes the model sees.
            crowded.add(KeyCodec.encode(new Object[]{(long) (i % 3), (long) r.nextInt(100_000)}));
        }
        for (List<byte[]> keys : List.of(text, composite, crowded)) {
            TreeMap<byte[], List<Object[]>> data = versions(keys, r);
            List<byte[]> present = new ArrayList<>(data.keySet());
            Run run = write(data, 8);
            check(data, run, r, probes(present, r));
            run.close();
        }
    }
}
