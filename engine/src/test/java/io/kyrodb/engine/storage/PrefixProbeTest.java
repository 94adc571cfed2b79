package io.kyrodb.engine.storage;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.storage.run.BlockCache;
import io.kyrodb.engine.storage.run.IndexKind;
import io.kyrodb.engine.storage.run.KeyCursor;
import io.kyrodb.engine.storage.run.Run;
import io.kyrodb.engine.storage.run.RunWriter;
import org.junit.jupiter.api.Test;
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
 * Many probes through one {@link PrefixProbe} (a memtable with deletes, uncommitted versions and
 * several versions of a key, over several runs whose keys interleave) find what a model of the
 * sources finds for each prefix, whether the probes go up (closely or with gaps, the way outer rows
 * in key order probe), down, repeat or jump at random, and whether each probe is read to its end,
 * to its first key (EXISTS) or not at all: forward probes leave sources where they are and give the
 * key that ended the previous probe again ({@link MergeCursor#seekAhead}, the run cursor's seek
 * inside its block), and that must never lose or repeat a key.
 */
class PrefixProbeTest {
    @TempDir
    Path dir;

    /** Versions of one source by encoded key (index-entry-like keys (a, b)), newest first: {seq, value or null}. */
    private static TreeMap<byte[], List<Object[]>> randomSource(Random r, long seqBase, int keys, int prefixes) {
        TreeMap<byte[], List<Object[]>> m = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < keys; i++) {
            long a = r.nextInt(prefixes);
            long b = r.nextInt(60);
            List<Object[]> versions = new ArrayList<>();
            long seq = seqBase + 900;
            int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
            for (int j = 0; j < n; j++) {
                seq -= 1 + r.nextInt(250);
                versions.add(new Object[]{seq, r.nextInt(6) == 0 ? null : a + "/" + b + "@" + seq});
            }
            m.put(KeyCodec.encode(new Object[]{a, b}), versions);
        }
        return m;
    }

    private Run write(String name, TreeMap<byte[], List<Object[]>> s, BlockCache cache, IndexKind kind) throws IOException {
        Path file = dir.resolve(name);
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 4)) {
            for (Map.Entry<byte[], List<Object[]>> e : s.entrySet()) {
                for (Object[] v : e.getValue()) {
                    byte[] row = null;
                    if (v[1] != null) {
                        ByteWriter bw = new ByteWriter();
                        ValueCodec.writeRow(bw, new Object[]{v[1]});
                        row = bw.toByteArray();
                    }
                    w.add(e.getKey(), (Long) v[0], row);
                }
            }
            w.finish();
        }
        return Run.open(LocalFileSystem.INSTANCE, file, Math.abs(name.hashCode() % 100000), cache, kind);
    }

    /** A memtable holding {@code s}'s versions, oldest written first; those at or past {@code uncommittedFrom} stay uncommitted. */
    private static Memtable memtable(TreeMap<byte[], List<Object[]>> s, long uncommittedFrom) {
        Memtable m = new Memtable(0);
        for (Map.Entry<byte[], List<Object[]>> e : s.entrySet()) {
            List<Object[]> versions = e.getValue();
            for (int j = versions.size() - 1; j >= 0; j--) {
                Object[] v = versions.get(j);
                Version written = m.write(e.getKey(), v[1] == null ? null : new Object[]{v[1]}, 64);
                if ((Long) v[0] < uncommittedFrom) {
                    written.commit((Long) v[0]);
                }
            }
        }
        return m;
    }

    /** The values the view sees under prefix {@code a}, in key order: the newest source's visible version of each key, deletes left out. */
    private static List<String> expected(List<TreeMap<byte[], List<Object[]>>> newestFirst, long a, ReadView view,
                                         long uncommittedFrom) {
        byte[] prefix = KeyCodec.encode(new Object[]{a});
        TreeMap<byte[], Object> seen = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            for (Map.Entry<byte[], List<Object[]>> e : newestFirst.get(i).entrySet()) {
                if (!startsWith(e.getKey(), prefix)) {
                    continue;
                }
                for (Object[] v : e.getValue()) {
                    long seq = (Long) v[0];
                    boolean committed = i > 0 || seq < uncommittedFrom;
                    if (committed ? seq <= view.seq() : view.ownWrites()) {
                        seen.put(e.getKey(), v[1] == null ? Boolean.FALSE : v[1]);
                        break;
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Object v : seen.values()) {
            if (v instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {5, 42, 1234, 99991})
    void probesInAnyOrderFindWhatTheModelHolds(long seed) throws IOException {
        System.out.println("PrefixProbeTest seed=" + seed + " (rerun with this seed to reproduce)");
        Random r = new Random(seed);
        BlockCache cache = new BlockCache(64 << 20);
        int prefixes = 30 + r.nextInt(200);
        int runCount = 1 + r.nextInt(4);
        long top = (runCount + 1) * 1000L;
        long uncommittedFrom = top + 700;   // the memtable's newest versions belong to the open transaction
        List<TreeMap<byte[], List<Object[]>>> sources = new ArrayList<>();
        sources.add(randomSource(r, top, 200 + r.nextInt(800), prefixes));
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= runCount; i++) {
            TreeMap<byte[], List<Object[]>> s = randomSource(r, top - 1000L * i, 300 + r.nextInt(3000), prefixes);
            sources.add(s);
            runs.add(write("p" + i + ".run", s, cache, r.nextBoolean() ? IndexKind.LEARNED : IndexKind.BTREE));
        }
        Memtable memtable = memtable(sources.getFirst(), uncommittedFrom);
        try {
            for (ReadView view : List.of(new ReadView(top + 1000, true), new ReadView(top + 1000, false),
                    new ReadView(top - 400, false), new ReadView(top / 2, true))) {
                for (String order : List.of("up", "upClose", "down", "random", "repeat")) {
                    List<KeyCursor> cursors = new ArrayList<>();
                    cursors.add(memtable.cursor(null, view));
                    for (Run run : runs) {
                        cursors.add(run.probeCursor(view.seq()));
                    }
                    PrefixProbe probe = new PrefixProbe(view, new MergeCursor(cursors), null);
                    // one run read through its own cursor: its countPrefix, not the merge's
                    PrefixProbe oneRun = new PrefixProbe(view, runs.getFirst().probeCursor(view.seq()), null);
                    for (long a : probeOrder(order, r, prefixes)) {
                        List<String> want = expected(sources, a, view, uncommittedFrom);
                        long limit = r.nextBoolean() ? 1 : Long.MAX_VALUE;
                        assertThat(oneRun.count(KeyCodec.encode(new Object[]{a}), limit))
                                .as("count in one run, prefix %d, %s, view %s, seed %d", a, order, view, seed)
                                .isEqualTo(Math.min(limit, expected(List.of(sources.get(1)), a, view, uncommittedFrom).size()));
                        if (r.nextInt(3) == 0) {   // counted (a correlated COUNT or EXISTS), between seeks
                            assertThat(probe.count(KeyCodec.encode(new Object[]{a}), limit))
                                    .as("count of prefix %d, %s, view %s, seed %d", a, order, view, seed)
                                    .isEqualTo(Math.min(limit, want.size()));
                            continue;
                        }
                        KeyCursor found = probe.seek(KeyCodec.encode(new Object[]{a}));
                        int read = switch (r.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> 1;
                            default -> Integer.MAX_VALUE;
                        };
                        List<String> got = new ArrayList<>();
                        while (got.size() < read && found.next()) {
                            got.add((String) found.row()[0]);
                        }
                        assertThat(got).as("prefix %d, %s, view %s, seed %d", a, order, view, seed)
                                .isEqualTo(want.subList(0, Math.min(read, want.size())));
                    }
                }
            }
        } finally {
            for (Run run : runs) {
                run.close();
            }
        }
    }

    /** Prefix values to probe: up with gaps, up one by one, down, at random, or up with each repeated. */
    private static List<Long> probeOrder(String order, Random r, int prefixes) {
        List<Long> out = new ArrayList<>();
        switch (order) {
            case "up" -> {
                for (long a = -2; a < prefixes + 2; a += 1 + r.nextInt(6)) {
                    out.add(a);
                }
            }
            case "upClose" -> {
                for (long a = -1; a <= prefixes; a++) {
                    out.add(a);
                }
            }
            case "down" -> {
                for (long a = prefixes + 1; a >= -1; a -= 1 + r.nextInt(3)) {
                    out.add(a);
                }
            }
            case "random" -> {
                for (int i = 0; i < prefixes; i++) {
                    out.add((long) r.nextInt(prefixes + 4) - 2);
                }
            }
            default -> {
                for (long a = 0; a < prefixes; a += 1 + r.nextInt(3)) {
                    out.add(a);
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** A probe seeks ahead only to a prefix after the last one that does not start with it (bytes unsigned). */
    @Test
    void aPrefixIsAheadOfTheLastOnlyWhenItSortsAfterItAndDoesNotExtendIt() {
        byte[] last = {1, 5, (byte) 0x80};
        assertThat(PrefixProbe.after(new byte[]{1, 5, (byte) 0x81}, last)).isTrue();
        assertThat(PrefixProbe.after(new byte[]{1, 6}, last)).isTrue();
        assertThat(PrefixProbe.after(new byte[]{1, 5, (byte) 0x7F, 9}, last)).as("0x7F sorts before 0x80").isFalse();
        assertThat(PrefixProbe.after(new byte[]{1, 5, (byte) 0x80}, last)).as("the same").isFalse();
        assertThat(PrefixProbe.after(new byte[]{1, 5, (byte) 0x80, 0}, last)).as("starts with last").isFalse();
        assertThat(PrefixProbe.after(new byte[]{1, 5}, last)).as("shorter: before it").isFalse();
        assertThat(PrefixProbe.after(new byte[]{(byte) 0xFF}, last)).isTrue();
        assertThat(PrefixProbe.after(new byte[]{0, 9, 9, 9}, last)).isFalse();
    }
}
