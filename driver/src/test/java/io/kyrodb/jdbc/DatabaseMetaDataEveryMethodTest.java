package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls every method of {@link DatabaseMetaData} by reflection, as a tool walking the metadata
 * would: none may throw, and every result set has exactly the columns the {@code java.sql}
 * javadoc lists, in its order. The expected columns are written out here from the javadoc, not
 * taken from the driver's own shapes.
 */
class DatabaseMetaDataEveryMethodTest {
    private static final List<String> ROW_IDENTIFIER = List.of("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
            "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "PSEUDO_COLUMN");
    private static final List<String> KEYS = List.of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
            "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE",
            "FK_NAME", "PK_NAME", "DEFERRABILITY");
    private static final List<String> SCHEMAS = List.of("TABLE_SCHEM", "TABLE_CATALOG");

    private static final Map<String, List<String>> JAVADOC_COLUMNS = Map.ofEntries(
            entry("getProcedures", List.of("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "RESERVED1",
                    "RESERVED2", "RESERVED3", "REMARKS", "PROCEDURE_TYPE", "SPECIFIC_NAME")),
            entry("getProcedureColumns", List.of("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME",
                    "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE",
                    "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH",
                    "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME")),
            entry("getTables", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT",
                    "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION")),
            entry("getSchemas", SCHEMAS),
            entry("getCatalogs", List.of("TABLE_CAT")),
            entry("getTableTypes", List.of("TABLE_TYPE")),
            entry("getColumns", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
                    "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE",
                    "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH",
                    "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
                    "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN")),
            entry("getColumnPrivileges", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR",
                    "GRANTEE", "PRIVILEGE", "IS_GRANTABLE")),
            entry("getTablePrivileges", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE",
                    "PRIVILEGE", "IS_GRANTABLE")),
            entry("getBestRowIdentifier", ROW_IDENTIFIER),
            entry("getVersionColumns", ROW_IDENTIFIER),
            entry("getPrimaryKeys", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
                    "PK_NAME")),
            entry("getImportedKeys", KEYS),
            entry("getExportedKeys", KEYS),
            entry("getCrossReference", KEYS),
            entry("getTypeInfo", List.of("TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX", "LITERAL_SUFFIX",
                    "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE",
                    "FIXED_PREC_SCALE", "AUTO_INCREMENT", "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE",
                    "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX")),
            entry("getIndexInfo", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER",
                    "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES",
                    "FILTER_CONDITION")),
            entry("getUDTs", List.of("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS",
                    "BASE_TYPE")),
            entry("getSuperTypes", List.of("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT", "SUPERTYPE_SCHEM",
                    "SUPERTYPE_NAME")),
            entry("getSuperTables", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME")),
            entry("getAttributes", List.of("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE",
                    "ATTR_TYPE_NAME", "ATTR_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS",
                    "ATTR_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
                    "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE")),
            entry("getClientInfoProperties", List.of("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION")),
            entry("getFunctions", List.of("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS",
                    "FUNCTION_TYPE", "SPECIFIC_NAME")),
            entry("getFunctionColumns", List.of("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME",
                    "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE",
                    "REMARKS", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME")),
            entry("getPseudoColumns", List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
                    "COLUMN_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "COLUMN_USAGE", "REMARKS", "CHAR_OCTET_LENGTH",
                    "IS_NULLABLE")));

    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE orders (region integer, id bigint, note varchar(40), PRIMARY KEY (region, id))");
            s.executeUpdate("CREATE INDEX orders_note ON orders (note)");
            s.executeUpdate("CREATE TABLE loose (line text)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void everyMethodAnswersAndEveryResultHasTheJavadocColumns() throws Exception {
        DatabaseMetaData md = c.getMetaData();
        List<String> failures = new ArrayList<>();
        TreeSet<String> resultMethods = new TreeSet<>();
        int called = 0;
        for (Method m : DatabaseMetaData.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getName().equals("unwrap")
                    || m.getName().equals("isWrapperFor")) {
                continue;
            }
            Object result;
            try {
                result = m.invoke(md, arguments(m));
                called++;
            } catch (InvocationTargetException e) {
                failures.add(m.getName() + " threw " + e.getCause());
                continue;
            }
            if (m.getReturnType() == ResultSet.class) {
                resultMethods.add(m.getName());
                try (ResultSet rs = (ResultSet) result) {
                    List<String> expected = JAVADOC_COLUMNS.get(m.getName());
                    List<String> actual = labels(rs.getMetaData());
                    if (!actual.equals(expected)) {
                        failures.add(m.getName() + " has columns " + actual + ", the javadoc lists " + expected);
                    }
                    while (rs.next()) {
                        for (int i = 1; i <= actual.size(); i++) {
                            rs.getObject(i);
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(resultMethods).isEqualTo(new TreeSet<>(JAVADOC_COLUMNS.keySet()));
        assertThat(called).isGreaterThan(170);
    }

    @Test
    void resultsOfTheTablesCreatedAreNotEmpty() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        assertThat(count(md.getIndexInfo(null, null, "orders", false, true))).isEqualTo(3);
        assertThat(count(md.getBestRowIdentifier(null, null, "orders", DatabaseMetaData.bestRowSession, true)))
                .isEqualTo(2);
        assertThat(count(md.getClientInfoProperties())).isEqualTo(1);
        assertThat(count(md.getTypeInfo())).isGreaterThanOrEqualTo(8);
        assertThat(count(md.getImportedKeys(null, null, "orders"))).isZero();
    }

    /** What supports* claims, the engine does: each query here runs. */
    @Test
    void claimedSqlFeaturesRun() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        assertThat(md.supportsUnion() && md.supportsUnionAll() && md.supportsOuterJoins() && md.supportsFullOuterJoins()
                && md.supportsSubqueriesInIns() && md.supportsSubqueriesInExists()
                && md.supportsSubqueriesInComparisons() && md.supportsCorrelatedSubqueries()).isTrue();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO orders VALUES (1, 1, 'a'), (1, 2, 'b')");
            s.executeUpdate("INSERT INTO loose VALUES ('a'), ('z')");
            assertThat(count(s.executeQuery("SELECT note FROM orders UNION SELECT line FROM loose"))).isEqualTo(3);
            assertThat(count(s.executeQuery("SELECT note FROM orders UNION ALL SELECT line FROM loose"))).isEqualTo(4);
            assertThat(count(s.executeQuery("SELECT * FROM orders o FULL JOIN loose l ON l.line = o.note"))).isEqualTo(3);
            assertThat(count(s.executeQuery("SELECT * FROM orders o LEFT JOIN loose l ON l.line = o.note"))).isEqualTo(2);
            assertThat(count(s.executeQuery("SELECT * FROM orders WHERE note IN (SELECT line FROM loose)"))).isEqualTo(1);
            assertThat(count(s.executeQuery("SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM loose l WHERE l.line = o.note)")))
                    .isEqualTo(1);
            assertThat(count(s.executeQuery("SELECT * FROM orders WHERE id = (SELECT max(id) FROM orders)"))).isEqualTo(1);
        }
    }

    @Test
    void aClosedConnectionsMetaDataReportsTheClosedConnection() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        c.close();
        try {
            md.getTables(null, null, "%", null);
            throw new AssertionError("getTables on a closed connection answered");
        } catch (SQLException e) {
            assertThat(e.getSQLState()).isEqualTo("08003");
        }
    }

    private static int count(ResultSet rs) throws SQLException {
        int n = 0;
        try (rs) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    private static List<String> labels(ResultSetMetaData md) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i));
        }
        return out;
    }

    /** What a tool passes: null names and patterns (all), 0 for ints, false, and JDBC's constants where 0 is not one. */
    private static Object[] arguments(Method m) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == int.class) {
                args[i] = m.getName().startsWith("supportsResultSet") || m.getName().endsWith("AreDetected")
                        || m.getName().startsWith("own") || m.getName().startsWith("others")
                        ? ResultSet.TYPE_FORWARD_ONLY : 0;
            } else if (t == boolean.class) {
                args[i] = false;
            } else if (t == String.class && m.getName().equals("getCrossReference") && (i == 2 || i == 5)) {
                args[i] = "orders";
            } else {
                args[i] = null;
            }
        }
        if (m.getName().equals("supportsResultSetConcurrency")) {
            args[1] = ResultSet.CONCUR_READ_ONLY;
        }
        return args;
    }
}
