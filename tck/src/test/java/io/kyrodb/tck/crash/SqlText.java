package io.kyrodb.tck.crash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement with its values kept apart from its text, so it can run either as a
 * {@link PreparedStatement} with {@code ?} parameters or with the values written inline as literals.
 */
final class SqlText {
    private record Param(Object value, TableSpec.Kind kind) {
    }

    private final StringBuilder template = new StringBuilder();
    private final List<Object> pieces = new ArrayList<>();   // String or Param

    SqlText text(String sql) {
        pieces.add(sql);
        template.append(sql);
        return this;
    }

    SqlText value(Object value, TableSpec.Kind kind) {
        pieces.add(new Param(value, kind));
        template.append('?');
        return this;
    }

    /** The text with {@code ?} for every value. */
    String template() {
        return template.toString();
    }

    /** The text with every value written as a literal. */
    String inline() {
        StringBuilder b = new StringBuilder();
        for (Object p : pieces) {
            b.append(p instanceof Param v ? SqlValues.literal(v.value()) : (String) p);
        }
        return b.toString();
    }

    /** Runs it and returns the update count (or -1 for a query whose result is ignored). */
    long run(Connection c, boolean prepared) throws SQLException {
        if (!prepared) {
            try (java.sql.Statement s = c.createStatement()) {
                return s.execute(inline()) ? -1 : s.getLargeUpdateCount();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(template())) {
            int i = 0;
            for (Object p : pieces) {
                if (p instanceof Param v) {
                    i++;
                    if (v.value() == null) {
                        ps.setNull(i, v.kind().jdbcType);
                    } else {
                        ps.setObject(i, v.value());
                    }
                }
            }
            return ps.execute() ? -1 : ps.getLargeUpdateCount();
        }
    }

    @Override
    public String toString() {
        return inline();
    }
}
