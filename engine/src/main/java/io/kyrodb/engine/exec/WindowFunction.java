package io.kyrodb.engine.exec;

/**
 * The window functions: the ranking and value functions, and {@link #AGGREGATE} for an ordinary
 * aggregate (sum, count, ...) computed over each row's window frame.
 */
public enum WindowFunction {
    ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE,
    AGGREGATE;

    /** The function named {@code name}, or null ({@code AGGREGATE} is not a name). */
    public static WindowFunction ofName(String name) {
        for (WindowFunction f : values()) {
            if (f != AGGREGATE && f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** Whether the function reads the frame (the others see the whole partition). */
    boolean usesFrame() {
        return this == FIRST_VALUE || this == LAST_VALUE || this == NTH_VALUE || this == AGGREGATE;
    }
}
