package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;

/**
 * The payload of a WAL record of type {@link Journal#SEQUENCE}: a sequence's new state, logged
 * outside any transaction (nextval and setval are never rolled back).
 * <pre>
 * str name | u64 value | u8 called | u8 set
 * </pre>
 * {@code set} 0: an advance (recovery keeps the further of it and what it has); 1: setval or a
 * CYCLE wrap-around (recovery takes it as is). Integers big-endian; on disk: never change it.
 */
record SequenceRecord(String name, long value, boolean called, boolean set) {
    static byte[] encode(String name, long value, boolean called, boolean set) {
        return new ByteWriter(32 + name.length()).string(name).u64(value).u8(called ? 1 : 0).u8(set ? 1 : 0)
                .toByteArray();
    }

    static SequenceRecord decode(byte[] payload, String where) {
        ByteReader in = new ByteReader(payload);
        try {
            SequenceRecord r = new SequenceRecord(in.string(), in.u64(), in.u8() != 0, in.u8() != 0);
            if (in.remaining() > 0) {
                throw new FormatException(in.position(), in.remaining() + " trailing bytes");
            }
            return r;
        } catch (FormatException e) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "corrupt sequence record " + where + ": " + e.getMessage(), e);
        }
    }
}
