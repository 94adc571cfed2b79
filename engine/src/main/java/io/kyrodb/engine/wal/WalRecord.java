package io.kyrodb.engine.wal;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One WAL record: its LSN (1, 2, 3, ... with no gaps), a type chosen by the engine (1..255 as an
 * unsigned byte; 0 is reserved and never written) and an opaque payload. Compared by value.
 * The payload array is owned by the record: do not change it after handing it over.
 */
public record WalRecord(long lsn, byte type, byte[] payload) {

    @Override
    public boolean equals(Object o) {
        return o instanceof WalRecord r && r.lsn == lsn && r.type == type && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lsn) * 31 * 31 + type * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String bytes = payload.length <= 16 ? HexFormat.of().formatHex(payload)
                : HexFormat.of().formatHex(payload, 0, 16) + "...";
        return "WalRecord[lsn=" + lsn + ", type=" + Byte.toUnsignedInt(type)
                + ", payload=" + payload.length + " bytes " + bytes + "]";
    }
}
