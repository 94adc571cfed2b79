package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.KeyCursor;

/**
 * One cursor over a table's sources, kept for many prefix probes of one statement (an index
 * probe per outer row of a correlated subquery, a key join into a primary-key prefix): each probe
 * seeks it again, and a probe after the one before in key order (outer rows in key order) costs a
 * search of the rest of a block instead of a lookup in every run. It reads the sources the table
 * had when it was made, as a scan does for its whole length (the statement's read epoch keeps
 * them). One probe at a time: {@link #seek} ends the cursor the previous one returned, which then
 * fails if it is used again.
 */
public final class PrefixProbe {
    private final ReadView view;
    private final KeyCursor keys;
    /** Charged a seek per probe where the keys merge several runs; null: one run or none. */
    private final ExtraRunReads extraRuns;
    /** Seeks made; the first and every 64th charge {@link #extraRuns}. */
    private long seeks;
    private int generation;
    /** The previous probe's prefix (null: none yet). */
    private byte[] last;
    /** Two buffers a probe's prefix may be encoded into, alternately: never the one {@link #last} holds. */
    private final byte[][] prefixBuffers = {new byte[9], new byte[9]};

    PrefixProbe(ReadView view, KeyCursor keys, ExtraRunReads extraRuns) {
        this.view = view;
        this.keys = keys;
        this.extraRuns = extraRuns;
    }

    /**
     * A 9-byte buffer for the next probe's prefix ({@code KeyCodec.encodeIndexPrefix(value, reuse)}),
     * valid until the probe after it: the previous probe's prefix, which this probe compares with,
     * stays in the other one.
     */
    public byte[] prefixBuffer() {
        return last == prefixBuffers[0] ? prefixBuffers[1] : prefixBuffers[0];
    }

    /** The view the probe reads with. */
    public ReadView view() {
        return view;
    }

    /** The keys the view sees that start with {@code prefix}, deletes left out; rows decoded when asked for. */
    public KeyCursor seek(byte[] prefix) {
        int g = moveTo(prefix);
        return new PrefixCursor(keys, prefix) {
            @Override
            public boolean next() {
                if (g != generation) {
                    throw new IllegalStateException("a prefix probe was read after the next probe started");
                }
                return super.next();
            }
        };
    }

    /**
     * How many keys the view sees that start with {@code prefix}, deletes left out, counted up to
     * {@code limit}: {@link #seek} and its cursor read to the end, without the cursor.
     */
    public long count(byte[] prefix, long limit) {
        moveTo(prefix);
        return keys.countPrefix(prefix, limit);
    }

    /** Seeks {@link #keys} to {@code prefix}; the new probe's generation (earlier cursors fail from now). */
    private int moveTo(byte[] prefix) {
        if (last != null && after(prefix, last)) {
            keys.seekAhead(prefix);   // every key the last probe read starts with last, or is the current one
        } else {
            keys.seek(prefix);
        }
        last = prefix;
        if (extraRuns != null && seeks++ % ExtraRunReads.PROBE_BATCH == 0) {
            extraRuns.charge(seeks == 1 ? 1 : ExtraRunReads.PROBE_BATCH);   // the first, then 64 at a time
        }
        return ++generation;
    }

    /**
     * Whether {@code prefix} sorts after {@code last} and does not start with it: one pass over
     * the few bytes of two probes' prefixes (a library compare's call costs more than the loop).
     */
    static boolean after(byte[] prefix, byte[] last) {
        int n = Math.min(prefix.length, last.length);
        for (int k = 0; k < n; k++) {
            if (prefix[k] != last[k]) {
                return (prefix[k] & 0xFF) > (last[k] & 0xFF);
            }
        }
        return false;   // one starts with the other: equal, longer (starts with last) or shorter (before it)
    }
}
