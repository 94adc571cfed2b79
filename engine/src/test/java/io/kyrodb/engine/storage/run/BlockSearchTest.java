package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.fs.LocalFileSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches inside blocks compare 8-byte heads after the prefix a block's keys share, and whole keys
 * only on ties: on keys that crowd a long shared prefix, keys that are prefixes of other keys, keys
 * with zero bytes where the heads pad, and search keys shorter, longer or outside a block's prefix,
 * every seek (a fresh cursor, and one cursor sought forward, back and at random) lands on the first
 * key at or after the target, as a sorted set says.
 */
class BlockSearchTest {
    @TempDir
    Path dir;

    private static byte[] randomKey(java.util.Random r) {
        int shared = r.nextInt(4);   // 0: short keys; else a long common start, as composite keys have
        byte[] start = shared == 0 ? new byte[0] : new byte[]{0, (byte) 0x80, 0, 0, 0, 0, (byte) r.nextInt(3)};
        int len = (shared == 0 ? 1 : 0) + r.nextInt(12);
        byte[] k = Arrays.copyOf(start, start.length + len);
        for (int i = start.length; i < k.length; i++) {
            k[i] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(4) * 0x55);
        }
        return k;
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 7, 4242, 31337})
    void everySeekFindsTheFirstKeyAtOrAfterItsTarget(long seed) throws IOException {
        System.out.println("BlockSearchTest seed=" + seed + " (rerun with this seed to reproduce)");
        java.util.Random r = new java.util.Random(seed);
        TreeSet<byte[]> keys = new TreeSet<>(Arrays::compareUnsigned);
        int n = 200 + r.nextInt(4000);
        while (keys.size() < n) {
            keys.add(randomKey(r));
        }
        for (IndexKind kind : IndexKind.values()) {
            Path file = dir.resolve(kind + "-" + seed + ".run");
            try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 4)) {
                for (byte[] k : keys) {
                    w.add(k, 1, new byte[]{0});
                }
                w.finish();
            }
            Run run = Run.open(LocalFileSystem.INSTANCE, file, seed, new BlockCache(8 << 20), kind);
            try {
                KeyCursor reused = run.probeCursor(1);
                for (int q = 0; q < 3000; q++) {
                    byte[] target = r.nextInt(3) == 0 ? keys.toArray(new byte[0][])[r.nextInt(keys.size())]
                            : randomKey(r);
                    byte[] want = keys.ceiling(target);
                    KeyCursor fresh = run.cursor(target, 1);
                    reused.seek(target);
                    for (KeyCursor c : new KeyCursor[]{fresh, reused}) {
                        if (want == null) {
                            assertThat(c.next()).as("%s past the last key", Arrays.toString(target)).isFalse();
                        } else {
                            assertThat(c.next()).isTrue();
                            assertThat(c.key()).as("%s: seek to %s", kind, Arrays.toString(target)).isEqualTo(want);
                        }
                    }
                }
            } finally {
                run.close();
            }
        }
    }
}
