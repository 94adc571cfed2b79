package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** getFunctions and getFunctionColumns list the functions made with CREATE FUNCTION, overloads apart. */
class FunctionsMetadataTest {
    @Test
    void userFunctionsAndTheirColumnsAreListed() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
            s.execute("CREATE FUNCTION add(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql AS 'SELECT a + b'");
            s.execute("CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS 'SELECT a || b'");
            s.execute("CREATE FUNCTION app.evens(n int) RETURNS TABLE (i int, label text) LANGUAGE sql"
                    + " AS 'SELECT g, ''#'' || g FROM generate_series(2, n, 2) g'");
            DatabaseMetaData md = c.getMetaData();
            List<String> functions = new ArrayList<>();
            try (ResultSet rs = md.getFunctions(null, null, "%")) {
                while (rs.next()) {
                    functions.add(rs.getString("FUNCTION_SCHEM") + "." + rs.getString("FUNCTION_NAME") + " "
                            + rs.getShort("FUNCTION_TYPE") + " " + rs.getString("SPECIFIC_NAME"));
                }
            }
            assertThat(functions).containsExactly(
                    "app.evens " + DatabaseMetaData.functionReturnsTable + " evens(integer)",
                    "public.add " + DatabaseMetaData.functionNoTable + " add(integer, integer)",
                    "public.add " + DatabaseMetaData.functionNoTable + " add(text, text)");
            try (ResultSet rs = md.getFunctions(null, "public", "ad_")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertThat(n).as("patterns filter").isEqualTo(2);
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getFunctionColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("FUNCTION_NAME") + " " + rs.getString("COLUMN_NAME") + " "
                            + rs.getShort("COLUMN_TYPE") + " " + rs.getString("TYPE_NAME") + " "
                            + rs.getInt("DATA_TYPE") + " " + rs.getInt("ORDINAL_POSITION"));
                }
            }
            assertThat(columns).containsExactly(
                    "evens n " + DatabaseMetaData.functionColumnIn + " int4 " + Types.INTEGER + " 1",
                    "evens i " + DatabaseMetaData.functionColumnResult + " int4 " + Types.INTEGER + " 2",
                    "evens label " + DatabaseMetaData.functionColumnResult + " text " + Types.VARCHAR + " 3",
                    "add returnValue " + DatabaseMetaData.functionReturn + " int4 " + Types.INTEGER + " 0",
                    "add a " + DatabaseMetaData.functionColumnIn + " int4 " + Types.INTEGER + " 1",
                    "add b " + DatabaseMetaData.functionColumnIn + " int4 " + Types.INTEGER + " 2",
                    "add returnValue " + DatabaseMetaData.functionReturn + " text " + Types.VARCHAR + " 0",
                    "add a " + DatabaseMetaData.functionColumnIn + " text " + Types.VARCHAR + " 1",
                    "add b " + DatabaseMetaData.functionColumnIn + " text " + Types.VARCHAR + " 2");
            s.execute("DROP FUNCTION add(text, text)");
            try (ResultSet rs = md.getFunctions(null, null, "add")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("SPECIFIC_NAME")).isEqualTo("add(integer, integer)");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aVariadicArgumentIsAnInColumnMarkedVariadic() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION total(base int, VARIADIC rest int[]) RETURNS int LANGUAGE sql"
                    + " AS 'SELECT base + array_length(rest, 1)'");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getFunctionColumns(null, null, "total", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + " " + rs.getShort("COLUMN_TYPE") + " "
                            + rs.getString("TYPE_NAME") + " " + rs.getString("REMARKS"));
                }
            }
            assertThat(columns).containsExactly(
                    "returnValue " + DatabaseMetaData.functionReturn + " int4 null",
                    "base " + DatabaseMetaData.functionColumnIn + " int4 null",
                    "rest " + DatabaseMetaData.functionColumnIn + " _int4 VARIADIC");
            try (ResultSet rs = s.executeQuery("SELECT total(1, 5, 6, 7)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(4);
            }
        }
    }
}
