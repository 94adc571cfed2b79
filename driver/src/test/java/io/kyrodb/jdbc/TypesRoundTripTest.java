package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** uuid, bytea, jsonb and arrays through JDBC, as pgjdbc hands them over: setters, getters, java.sql.Array, metadata. */
class TypesRoundTripTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id uuid PRIMARY KEY, data bytea, doc jsonb, tags text[], nums integer[],"
                    + " reals real[], emb vector(2))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void uuidAndBytesRoundTrip() throws Exception {
        UUID id = UUID.fromString("f0000000-0000-4000-8000-00000000000a");
        byte[] data = {0, 1, (byte) 0xff};
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, data) VALUES (?, ?)")) {
            ps.setObject(1, id);
            ps.setBytes(2, data);
            ps.executeUpdate();
            data[0] = 9;   // the bound value was copied
            ps.setObject(1, UUID.fromString("00000000-0000-4000-8000-000000000001"));
            ps.setBinaryStream(2, new ByteArrayInputStream(new byte[]{42, 43}), 2);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, data FROM t WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isEqualTo(id);
                assertThat(rs.getObject(1, UUID.class)).isEqualTo(id);
                assertThat(rs.getString(1)).isEqualTo("f0000000-0000-4000-8000-00000000000a");
                assertThat(rs.getBytes(2)).containsExactly(0, 1, 0xff);
                assertThat((byte[]) rs.getObject(2)).containsExactly(0, 1, 0xff);
                assertThat(rs.getString(2)).isEqualTo("\\x0001ff");
                assertThat(rs.getBinaryStream(2).readAllBytes()).containsExactly(0, 1, 0xff);
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.getColumnType(1)).isEqualTo(Types.OTHER);
                assertThat(md.getColumnTypeName(1)).isEqualTo("uuid");
                assertThat(md.getColumnClassName(1)).isEqualTo("java.util.UUID");
                assertThat(md.getColumnType(2)).isEqualTo(Types.BINARY);
                assertThat(md.getColumnTypeName(2)).isEqualTo("bytea");
                assertThat(md.getColumnClassName(2)).isEqualTo("[B");
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT data FROM t ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBytes(1)).containsExactly(42, 43);
        }
        // A UUID given as text works where the parameter is a uuid; a bad one fails with 22P02 and inserts nothing.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id) VALUES (?)")) {
            ps.setString(1, "{00000000-0000-4000-8000-000000000002}");
            ps.executeUpdate();
            ps.setString(1, "nope");
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    void jsonbThroughStringsAndOther() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, doc) VALUES (gen_random_uuid(), ?)")) {
            ps.setString(1, "{\"b\":1,\"a\":[true,null]}");
            ps.executeUpdate();
            ps.setObject(1, "{\"b\":2}", Types.OTHER);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT doc, doc ->> 'b' FROM t WHERE doc @> ?::jsonb")) {
            ps.setString(1, "{\"b\":1}");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("{\"a\": [true, null], \"b\": 1}");
                assertThat(rs.getObject(1)).isEqualTo("{\"a\": [true, null], \"b\": 1}");
                assertThat(rs.getInt(2)).isEqualTo(1);
                assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("jsonb");
                assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.OTHER);
                assertThat(rs.next()).isFalse();
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE raw (j json)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw VALUES (?)")) {
            ps.setString(1, "[1,  2]");
            ps.executeUpdate();
            ps.setString(1, "[1,");   // json is validated too, though kept as written
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, doc) VALUES (gen_random_uuid(), ?)")) {
            ps.setString(1, "{broken");
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
        }
    }

    @Test
    void arraysThroughCreateArrayOfJavaArraysAndAny() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, tags, nums, reals) VALUES (gen_random_uuid(), ?, ?, ?)")) {
            ps.setArray(1, c.createArrayOf("text", new Object[]{"a b", null, "c"}));
            ps.setObject(2, new int[]{3, 1, 2});
            ps.setObject(3, new float[]{1.5f, 2f});   // float[] into a real[] column: an array, not a vector
            ps.executeUpdate();
            ps.setObject(1, new String[]{"x"});
            ps.setArray(2, c.createArrayOf("int4", new Integer[]{7, null}));
            ps.setNull(3, Types.ARRAY);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tags, nums, reals FROM t ORDER BY nums")) {
            assertThat(rs.next()).isTrue();
            Array tags = rs.getArray(1);
            assertThat(tags.getBaseTypeName()).isEqualTo("text");
            assertThat(tags.getBaseType()).isEqualTo(Types.VARCHAR);
            assertThat((String[]) tags.getArray()).containsExactly("a b", null, "c");
            assertThat(tags.toString()).isEqualTo("{\"a b\",NULL,c}");
            assertThat(rs.getString(1)).isEqualTo("{\"a b\",NULL,c}");
            Array nums = (Array) rs.getObject(2);
            assertThat((Integer[]) nums.getArray()).containsExactly(3, 1, 2);
            assertThat((Integer[]) nums.getArray(2, 2)).containsExactly(1, 2);
            try (ResultSet elements = nums.getResultSet()) {
                assertThat(elements.next()).isTrue();
                assertThat(elements.getInt(1)).isEqualTo(1);
                assertThat(elements.getInt(2)).isEqualTo(3);
            }
            assertThat((Float[]) rs.getArray(3).getArray()).containsExactly(1.5f, 2f);
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnType(2)).isEqualTo(Types.ARRAY);
            assertThat(md.getColumnTypeName(2)).isEqualTo("_int4");
            assertThat(md.getColumnTypeName(1)).isEqualTo("_text");
            assertThat(rs.next()).isTrue();
            assertThat((Integer[]) rs.getArray(2).getArray()).containsExactly(7, null);
            assertThat(rs.getArray(3)).isNull();
        }
        // What ORMs send for IN lists: x = ANY(?) with an array parameter.
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM t WHERE 'x' = ANY(tags) OR 3 = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("integer", new Object[]{4, 5}));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            ps.setObject(1, new long[]{3});
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
        // An untyped parameter on the left takes the array's element type, as in Postgres.
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM t WHERE ? = ANY(nums)")) {
            ps.setString(1, "7");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM t WHERE ? <@ tags")) {
            ps.setString(1, "{c}");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
        assertThatThrownBy(() -> c.createArrayOf("nosuchtype", new Object[0])).isInstanceOf(SQLException.class);
    }

    @Test
    void vectorColumnsStillTakeFloatArraysAndArraysCast() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, emb) VALUES (gen_random_uuid(), ?)")) {
            ps.setObject(1, new float[]{1f, 2f});
            ps.executeUpdate();
            ps.setArray(1, c.createArrayOf("real", new Float[]{3f, 4f}));
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT emb, emb::real[] FROM t WHERE emb IS NOT NULL ORDER BY 1")) {
            assertThat(rs.next()).isTrue();
            assertThat((float[]) rs.getObject(1)).containsExactly(1f, 2f);
            assertThat((Float[]) rs.getArray(2).getArray()).containsExactly(1f, 2f);
            assertThat(rs.next()).isTrue();
            assertThat((float[]) rs.getObject(1)).containsExactly(3f, 4f);
        }
    }

    @Test
    void databaseMetaDataNamesTheTypes() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getColumns(null, null, "t", null)) {
            StringBuilder seen = new StringBuilder();
            while (rs.next()) {
                seen.append(rs.getString("COLUMN_NAME")).append(':').append(rs.getString("TYPE_NAME")).append(':')
                        .append(rs.getInt("DATA_TYPE")).append(' ');
            }
            assertThat(seen.toString().trim()).isEqualTo("id:uuid:1111 data:bytea:-2 doc:jsonb:1111 tags:_text:2003"
                    + " nums:_int4:2003 reals:_float4:2003 emb:vector:1111");
        }
        try (ResultSet rs = md.getTypeInfo()) {
            StringBuilder names = new StringBuilder();
            while (rs.next()) {
                names.append(rs.getString("TYPE_NAME")).append(' ');
            }
            assertThat(names.toString()).contains("uuid", "bytea", "jsonb");
        }
    }

    /** getString of a float is Postgres's text (what pgjdbc returns), not Java's Double.toString. */
    @Test
    void floatsReadAsTextAsPostgresPrintsThem() throws Exception {
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT 4::float8, 1e20::float8, 1.5::real, 0.1::float8 * 3,"
                     + " 'NaN'::float8, -0.0::float8, 2.5e-7::float8")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("4");
            assertThat(rs.getString(2)).isEqualTo("1e+20");
            assertThat(rs.getString(3)).isEqualTo("1.5");
            assertThat(rs.getString(4)).isEqualTo("0.30000000000000004");
            assertThat(rs.getString(5)).isEqualTo("NaN");
            assertThat(rs.getString(7)).isEqualTo("2.5e-07");
            assertThat(rs.getDouble(1)).isEqualTo(4.0);
        }
    }
}
