package io.kyrodb.engine.vector;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.types.TypeKind;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The row ids one HNSW index keys its rows by (a graph holds longs). A table whose primary key is
 * one integer column, or that has none (its hidden row id), uses the key itself: nothing to
 * remember. Any other key (bigint is integer; text, uuid, numeric, composite ...) gets an id
 * handed out on first sight and kept for the index's life, in both directions; the graph stores
 * each row's encoded key ({@link KeyCodec}) with its row ({@link VectorIndex#keySource}), so
 * {@link #restore} rebuilds the map when the index is opened again.
 *
 * <p>Threads: the committer ({@link #id} under the writer lock), a build, the refresher and
 * searches use it at once; the maps are concurrent and handing out an id is synchronized. An id is
 * never reused for another key while the index is open (a deleted row's id stays mapped).
 */
public final class HnswRowIds {
    /** Null when the row id is the key. */
    private final TypeKind[] kinds;
    private final TypeKind integerKind;
    private final Map<EncodedKey, Long> ids;
    private final Map<Long, Object> keys;
    private long nextId = 1;   // guarded by this

    private record EncodedKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof EncodedKey k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private HnswRowIds(TypeKind[] kinds, TypeKind integerKind) {
        this.kinds = kinds;
        this.integerKind = integerKind;
        this.ids = kinds == null ? null : new ConcurrentHashMap<>();
        this.keys = kinds == null ? null : new ConcurrentHashMap<>();
    }

    /** The row ids of an index on {@code table}. */
    public static HnswRowIds of(Table table) {
        if (!table.hasPrimaryKey()) {
            return new HnswRowIds(null, TypeKind.BIGINT);
        }
        if (table.primaryKeyWidth() == 1) {
            TypeKind k = table.columns().get(table.primaryKeyColumn(0)).type().kind();
            if (k == TypeKind.BIGINT || k == TypeKind.INTEGER || k == TypeKind.SMALLINT) {
                return new HnswRowIds(null, k);
            }
        }
        TypeKind[] kinds = new TypeKind[table.primaryKeyWidth()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = table.columns().get(table.primaryKeyColumn(i)).type().kind();
        }
        return new HnswRowIds(kinds, null);
    }

    /** Whether the row id is the key itself (nothing stored with the rows). */
    public boolean identity() {
        return kinds == null;
    }

    /** The row id of the row stored under {@code key}, handed out now if the key is new. */
    public long id(Object key) {
        if (kinds == null) {
            return ((Number) key).longValue();
        }
        EncodedKey k = new EncodedKey(KeyCodec.encode(key));
        Long id = ids.get(k);
        if (id != null) {
            return id;
        }
        synchronized (this) {
            id = ids.get(k);
            if (id == null) {
                id = nextId++;
                keys.put(id, key);
                ids.put(k, id);
            }
            return id;
        }
    }

    /** The key of the row with id {@code rowId}, or null when no key has that id. */
    public Object key(long rowId) {
        if (kinds == null) {
            return switch (integerKind) {
                case SMALLINT -> (short) rowId;
                case INTEGER -> (int) rowId;
                default -> rowId;
            };
        }
        return keys.get(rowId);
    }

    /** The encoded key the graph stores with row {@code rowId}; null when the row id is the key. */
    public byte[] encodedKey(long rowId) {
        if (kinds == null) {
            return null;
        }
        Object key = keys.get(rowId);
        if (key == null) {
            throw new IllegalStateException("no key has HNSW row id " + rowId);
        }
        return KeyCodec.encode(key);
    }

    /** Takes back the ids a graph stored (its {@link VectorIndex#rowKeys}); new ids come after them. */
    public synchronized void restore(Map<Long, byte[]> stored) {
        if (kinds == null) {
            return;
        }
        for (Map.Entry<Long, byte[]> e : stored.entrySet()) {
            Object key = KeyCodec.decode(e.getValue(), kinds);
            EncodedKey k = new EncodedKey(e.getValue());
            Long had = ids.get(k);
            if (had != null && had.longValue() != e.getKey()) {
                keys.remove(had);   // handed out meanwhile (WAL replay registers before the graph opens): the graph's id wins
            }
            ids.put(k, e.getKey());
            keys.put(e.getKey(), key);
            nextId = Math.max(nextId, e.getKey() + 1);
        }
    }
}
