package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;

/**
 * A column of a table; primary-key columns are always {@code notNull}. {@code defaultSql} is the
 * DEFAULT expression's SQL text (bound anew by each statement that uses it), null without one;
 * {@code identity} is null unless the column is GENERATED ... AS IDENTITY (its default is then
 * {@code nextval} of the table's sequence {@code table_column_seq}).
 */
public record Column(String name, SqlType type, boolean notNull, String defaultSql, Identity identity,
                     String generatedSql) {
    /** GENERATED ALWAYS (explicit values need OVERRIDING SYSTEM VALUE) or BY DEFAULT. */
    public enum Identity { ALWAYS, BY_DEFAULT }

    /**
     * {@code generatedSql}: the SQL text of a GENERATED ALWAYS AS (expr) STORED column's expression
     * over the other columns of its row (computed whenever the row is written), null otherwise.
     */
    public Column(String name, SqlType type, boolean notNull, String defaultSql, Identity identity) {
        this(name, type, notNull, defaultSql, identity, null);
    }

    public boolean generated() {
        return generatedSql != null;
    }

    /** This column with NOT NULL set as given (everything else kept). */
    public Column withNotNull(boolean value) {
        return new Column(name, type, value, defaultSql, identity, generatedSql);
    }

    public Column(String name, SqlType type, boolean notNull) {
        this(name, type, notNull, null, null);
    }

    public boolean hasDefault() {
        return defaultSql != null;
    }

    private static final java.util.regex.Pattern NEXTVAL = java.util.regex.Pattern.compile("(?i)nextval\\('([^']*)'\\)");

    /**
     * The text PostgreSQL shows for this column's default (information_schema.columns.column_default,
     * pg_get_expr of pg_attrdef, JDBC's COLUMN_DEF): a generated column's expression, a SERIAL's
     * {@code nextval('t_id_seq'::regclass)}, else the DEFAULT as written; null without one (an
     * identity column has none, as in PostgreSQL).
     */
    public String defaultText() {
        if (generated()) {
            return generatedSql.strip();
        }
        if (identity != null || defaultSql == null) {
            return null;
        }
        String sql = defaultSql.strip();
        java.util.regex.Matcher m = NEXTVAL.matcher(sql);
        return m.matches() ? "nextval('" + m.group(1) + "'::regclass)" : sql;
    }

    /** An identity column or one whose default draws from a sequence: JDBC's IS_AUTOINCREMENT, as pgjdbc says it. */
    public boolean autoIncrement() {
        return identity != null || (defaultSql != null && !generated() && defaultSql.toLowerCase(java.util.Locale.ROOT).contains("nextval("));
    }

    public Column withName(String newName) {
        return new Column(newName, type, notNull, defaultSql, identity, generatedSql);
    }
}
