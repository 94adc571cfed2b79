package io.kyrodb.engine;

import java.util.List;

/** A parsed statement with {@code ?} parameters, bound against the catalog when it runs. */
public final class PreparedSql {
    PreparedSql() {
    }

    public int parameterCount() {
        throw new IllegalStateException("engine under construction");
    }

    /** Whether the statement returns rows. */
    public boolean isQuery() {
        throw new IllegalStateException("engine under construction");
    }

    /**
     * Runs with the given parameter values (Java objects: Number, String, Boolean, BigDecimal or
     * null; converted to the parameter's inferred type, with 22P02/22003 on bad values).
     */
    public ExecResult execute(Object[] parameters) {
        throw new IllegalStateException("engine under construction");
    }

    /** The result columns when {@link #isQuery()}, else empty. */
    public List<ResultColumn> resultColumns() {
        throw new IllegalStateException("engine under construction");
    }
}
