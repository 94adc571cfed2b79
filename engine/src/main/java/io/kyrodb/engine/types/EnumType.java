package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * A type made by {@code CREATE TYPE name AS ENUM (...)}: its catalog key ({@code name}, or
 * {@code schema.name} outside public), its OID and its labels in sort order, each with the float
 * sort order PostgreSQL's pg_enum.enumsortorder holds. Orders are given once and never change:
 * ADD VALUE ... BEFORE/AFTER takes the midpoint of its neighbours, so values already stored (and
 * index keys ordered by them) stay valid. Immutable: ALTER TYPE makes a new instance with the same
 * OID. Two instances are the same type when their OIDs are equal.
 */
public final class EnumType implements UserType {
    /** The longest label PostgreSQL accepts (NAMEDATALEN - 1). */
    public static final int MAX_LABEL_LENGTH = 63;

    private final int oid;
    private final String key;
    private final List<String> labels;
    private final float[] orders;

    public EnumType(int oid, String key, List<String> labels, float[] orders) {
        if (labels.size() != orders.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + orders.length + " sort orders");
        }
        this.oid = oid;
        this.key = key;
        this.labels = List.copyOf(labels);
        this.orders = orders.clone();
    }

    /** A new type whose labels sort as listed (orders 1, 2, 3 ..., as PostgreSQL gives them). */
    public static EnumType of(int oid, String key, List<String> labels) {
        float[] orders = new float[labels.size()];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = i + 1;
        }
        return new EnumType(oid, key, labels, orders);
    }

    public int oid() {
        return oid;
    }

    /** The catalog key: {@code name} in public, else {@code schema.name}. */
    public String key() {
        return key;
    }

    /** The labels in sort order. */
    public List<String> labels() {
        return labels;
    }

    public float order(int i) {
        return orders[i];
    }

    public int size() {
        return labels.size();
    }

    public EnumValue value(int i) {
        return new EnumValue(orders[i], labels.get(i));
    }

    /** The position of {@code label}, or -1. */
    public int indexOf(String label) {
        return labels.indexOf(label);
    }

    /** The value labelled {@code text}; 22P02 as PostgreSQL words it when there is none. */
    public EnumValue parse(String text) {
        int i = labels.indexOf(text);
        if (i < 0) {
            throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input value for enum " + name() + ": \"" + text + "\"");
        }
        return value(i);
    }

    /** The value of this type with {@code v}'s order (its current label), or {@code v} when none has it. */
    public EnumValue current(EnumValue v) {
        for (int i = 0; i < orders.length; i++) {
            if (Float.compare(orders[i], v.order()) == 0) {
                return labels.get(i).equals(v.label()) ? v : value(i);
            }
        }
        return v;
    }

    /**
     * This type with {@code label} added: last, or just before or after {@code neighbour}. The
     * caller has checked that {@code label} is new and {@code neighbour} exists.
     */
    public EnumType withLabel(String label, String neighbour, boolean before) {
        List<String> nextLabels = new ArrayList<>(labels);
        float[] next = new float[orders.length + 1];
        int at;
        float order;
        if (neighbour == null) {
            at = labels.size();
            order = orders.length == 0 ? 1 : (float) Math.floor(orders[orders.length - 1]) + 1;
        } else {
            int n = labels.indexOf(neighbour);
            at = before ? n : n + 1;
            float low = at == 0 ? orders[0] - 1 : orders[at - 1];
            float high = at == orders.length ? orders[orders.length - 1] + 1 : orders[at];
            order = (low + high) / 2;
            if (!(order > low && order < high)) {
                throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "cannot add enum value \"" + label
                        + "\": no sort order is left between \"" + labels.get(Math.max(at - 1, 0)) + "\" and its neighbour");
            }
        }
        nextLabels.add(at, label);
        System.arraycopy(orders, 0, next, 0, at);
        next[at] = order;
        System.arraycopy(orders, at, next, at + 1, orders.length - at);
        return new EnumType(oid, key, nextLabels, next);
    }

    /** This type with label {@code from} renamed {@code to} (its order unchanged). */
    public EnumType withRenamedLabel(String from, String to) {
        List<String> next = new ArrayList<>(labels);
        next.set(labels.indexOf(from), to);
        return new EnumType(oid, key, next, orders);
    }

    /** This type under catalog key {@code newKey} (ALTER TYPE ... RENAME TO / SET SCHEMA). */
    @Override
    public EnumType withKey(String newKey) {
        return new EnumType(oid, newKey, labels, orders);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumType e && e.oid == oid;
    }

    @Override
    public int hashCode() {
        return oid;
    }

    @Override
    public String toString() {
        return name();
    }
}
