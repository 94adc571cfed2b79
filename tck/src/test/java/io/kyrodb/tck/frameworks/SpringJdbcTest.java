package io.kyrodb.tck.frameworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring JDBC on a file database: JdbcTemplate CRUD and batches, named parameters, SimpleJdbcInsert
 * (which reads the table's columns from DatabaseMetaData), DataSourceTransactionManager with
 * rollback on an exception, and Spring's translation of KyroDB's SQLSTATEs into its exception
 * hierarchy (KyroDB is not in Spring's error-code list, so the SQLSTATE alone must be right).
 */
class SpringJdbcTest {
    @TempDir
    Path dir;

    private DataSource dataSource;
    private JdbcTemplate jdbc;

    record Book(long id, String title, int pages) {
    }

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = new SimpleDriverDataSource(DriverManager.getDriver("jdbc:kyro:"), "jdbc:kyro:file:" + dir.resolve("db"));
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE book (id BIGINT PRIMARY KEY, title VARCHAR(100) NOT NULL, pages INTEGER)");
    }

    private List<Book> books() {
        return jdbc.query("SELECT id, title, pages FROM book ORDER BY id",
                (rs, n) -> new Book(rs.getLong("id"), rs.getString("title"), rs.getInt("pages")));
    }

    @Test
    void crudThroughJdbcTemplate() {
        assertThat(jdbc.update("INSERT INTO book VALUES (?, ?, ?)", 1L, "Dune", 412)).isEqualTo(1);
        assertThat(jdbc.update("INSERT INTO book VALUES (?, ?, ?)", 2L, "Emma", 474)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT title FROM book WHERE id = ?", String.class, 2L)).isEqualTo("Emma");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Long.class)).isEqualTo(2);
        assertThat(jdbc.update("UPDATE book SET pages = pages + ? WHERE id = ?", 8, 1L)).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT * FROM book WHERE id = 1"))
                .containsEntry("id", 1L).containsEntry("title", "Dune").containsEntry("pages", 420);
        assertThat(jdbc.update("DELETE FROM book WHERE id = ?", 2L)).isEqualTo(1);
        assertThat(books()).containsExactly(new Book(1, "Dune", 420));
    }

    @Test
    void batchesReportACountPerStatement() {
        int[] counts = jdbc.batchUpdate("INSERT INTO book VALUES (?, ?, ?)", List.of(
                new Object[]{1L, "A", 10}, new Object[]{2L, "B", 20}, new Object[]{3L, "C", 30}));
        assertThat(counts).containsExactly(1, 1, 1);
        int[] updates = jdbc.batchUpdate("UPDATE book SET pages = 0 WHERE id > 1", "DELETE FROM book WHERE id = 1");
        assertThat(updates).containsExactly(2, 1);
        assertThat(books()).containsExactly(new Book(2, "B", 0), new Book(3, "C", 0));
    }

    @Test
    void namedParametersAndSimpleJdbcInsert() {
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        named.update("INSERT INTO book VALUES (:id, :title, :pages)",
                new MapSqlParameterSource().addValue("id", 7L).addValue("title", "Ulysses").addValue("pages", 730));
        SimpleJdbcInsert insert = new SimpleJdbcInsert(jdbc).withTableName("book");
        assertThat(insert.execute(Map.of("id", 8L, "title", "Walden", "pages", 352))).isEqualTo(1);
        assertThat(insert.getInsertString()).as("columns read from DatabaseMetaData.getColumns")
                .isEqualTo("INSERT INTO book (id, title, pages) VALUES(?, ?, ?)");
        assertThat(named.queryForList("SELECT title FROM book WHERE pages > :min ORDER BY id",
                Map.of("min", 300), String.class)).containsExactly("Ulysses", "Walden");
    }

    @Test
    void aKeyHolderGetsTheKeyOfASerialColumn() {
        jdbc.execute("CREATE TABLE note (id SERIAL PRIMARY KEY, body TEXT)");
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO note (body) VALUES (?)", new String[]{"id"});
            ps.setString(1, "first");
            return ps;
        }, keys);
        assertThat(keys.getKey()).isEqualTo(1);
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO note (body) VALUES (?)", new String[]{"id"});
            ps.setString(1, "second");
            return ps;
        }, keys);
        assertThat(keys.getKey()).isEqualTo(2);
    }

    @Test
    void aKeyHolderInsertWithReturnGeneratedKeysHoldsTheWholeRowAsPgjdbcDoes() {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        int count = jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO book VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
            ps.setLong(1, 5);
            ps.setString(2, "Beloved");
            ps.setInt(3, 324);
            return ps;
        }, keys);
        assertThat(count).isEqualTo(1);
        assertThat(keys.getKeyList()).as("RETURNING *: every column of the inserted row").hasSize(1);
        assertThat(keys.getKeys()).containsEntry("id", 5L).containsEntry("title", "Beloved").containsEntry("pages", 324);
        assertThat(books()).containsExactly(new Book(5, "Beloved", 324));
    }

    @Test
    void aTransactionTemplateRollsBackWhenTheCallbackThrows() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(status -> jdbc.update("INSERT INTO book VALUES (1, 'kept', 1)"));
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO book VALUES (2, 'rolled back', 2)");
            jdbc.update("UPDATE book SET title = 'changed' WHERE id = 1");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(books()).containsExactly(new Book(1, "kept", 1));

        // setRollbackOnly, and a failing statement inside the transaction
        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO book VALUES (3, 'no', 3)");
            status.setRollbackOnly();
        });
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO book VALUES (4, 'no', 4)");
            jdbc.update("INSERT INTO book VALUES (1, 'duplicate', 1)");
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(books()).containsExactly(new Book(1, "kept", 1));
    }

    @Test
    void readOnlyAndIsolationFromTheTransactionDefinition() {
        TransactionTemplate ro = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ro.setReadOnly(true);
        ro.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        Long count = ro.execute(status -> jdbc.queryForObject("SELECT count(*) FROM book", Long.class));
        assertThat(count).isZero();
        assertThatThrownBy(() -> ro.executeWithoutResult(status -> jdbc.update("INSERT INTO book VALUES (1, 'x', 1)")))
                .isInstanceOf(org.springframework.dao.DataAccessException.class)
                .hasMessageContaining("read-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM book", Long.class)).isZero();
    }

    @Test
    void sqlStatesTranslateIntoSpringsExceptions() {
        jdbc.update("INSERT INTO book VALUES (1, 'a', 1)");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO book VALUES (1, 'b', 2)")).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO book VALUES (2, NULL, 2)"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM nowhere")).isInstanceOf(BadSqlGrammarException.class);
        assertThatThrownBy(() -> jdbc.queryForList("SELEC 1")).isInstanceOf(BadSqlGrammarException.class);
    }
}
