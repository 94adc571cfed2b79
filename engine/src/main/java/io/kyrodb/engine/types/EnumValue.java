package io.kyrodb.engine.types;

/**
 * A value of an enum type ({@link EnumType}): its label and its sort order. Values of one type
 * compare and are equal by {@code order} alone (a label's order never changes once given, so
 * stored keys stay sorted when values are added); the label is what prints.
 */
public final class EnumValue implements Comparable<EnumValue> {
    private final float order;
    private final String label;

    public EnumValue(float order, String label) {
        this.order = order;
        this.label = label;
    }

    public float order() {
        return order;
    }

    public String label() {
        return label;
    }

    @Override
    public int compareTo(EnumValue o) {
        return Float.compare(order, o.order);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumValue e && Float.compare(order, e.order) == 0;
    }

    @Override
    public int hashCode() {
        return Float.hashCode(order);
    }

    @Override
    public String toString() {
        return label;
    }
}
