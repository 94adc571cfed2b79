package io.kyrodb.tck.frameworks.hibernate;

import io.kyrodb.hibernate.KyroDialect;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Hibernate ORM 7 (and hibernate-vector) on KyroDB with nothing configured but the URL: the
 * dialect comes from the product name, Hibernate creates the schema and validates it, and
 * entities, associations, HQL, Criteria, paging, optimistic locking and vector distances work.
 *
 * <p>Hibernate's settings are its defaults. Until KyroDB has foreign keys, the {@code alter table
 * ... add constraint ... foreign key} statements of schema creation fail and Hibernate, as by
 * default, logs them and goes on; {@link #schemaCreatedByHibernateValidates} checks that the rest
 * of the schema is there. Tests that need other branches are disabled with the feature and branch
 * named.
 */
class HibernateTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Class<?>[] MODEL = {Book.class, Author.class, Student.class, Course.class, Doc.class};

    private String url;
    /** Keeps the named in-memory database alive between session factories. */
    private Connection keepAlive;
    private final List<SessionFactory> factories = new ArrayList<>();

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:kyro:mem:hibernate" + DATABASES.incrementAndGet();
        keepAlive = DriverManager.getConnection(url);
    }

    @AfterEach
    void close() throws SQLException {
        factories.forEach(SessionFactory::close);
        keepAlive.close();
    }

    private SessionFactory factory(String schemaAction, Class<?>... entities) {
        Configuration cfg = new Configuration();
        for (Class<?> e : entities) {
            cfg.addAnnotatedClass(e);
        }
        cfg.setProperty("hibernate.connection.url", url);
        cfg.setProperty("hibernate.connection.pool_size", "2");
        cfg.setProperty(SchemaToolingSettings.HBM2DDL_AUTO, schemaAction);
        SessionFactory sf = cfg.buildSessionFactory();
        factories.add(sf);
        return sf;
    }

    private List<Long> sqlIds(String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = keepAlive.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static void books(SessionFactory sf) {
        sf.inTransaction(s -> {
            Author ann = new Author(1, "Ann");
            Author bob = new Author(2, "Bob");
            s.persist(ann);
            s.persist(bob);
            for (int i = 1; i <= 10; i++) {
                s.persist(new Book(i, "Book " + i, i * 10.0, i % 3 == 0 ? bob : ann));
            }
        });
    }

    @Test
    void theDialectIsPickedFromTheProductName() {
        SessionFactory sf = factory("create", MODEL);
        assertThat(sf.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect())
                .isExactlyInstanceOf(KyroDialect.class);
    }

    @Test
    void schemaCreatedByHibernateValidates() throws SQLException {
        factory("create", MODEL).close();
        assertThat(sqlIds("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                .containsExactly(6L);   // book, author, student, course, doc and the join table
        factory("validate", MODEL);
    }

    @Test
    void schemaCreationAddsForeignKeys() throws SQLException {
        Configuration cfg = new Configuration();
        for (Class<?> e : MODEL) {
            cfg.addAnnotatedClass(e);
        }
        cfg.setProperty("hibernate.connection.url", url);
        cfg.setProperty(SchemaToolingSettings.HBM2DDL_AUTO, "create");
        cfg.setProperty(SchemaToolingSettings.HBM2DDL_HALT_ON_ERROR, "true");
        factories.add(cfg.buildSessionFactory());
        try (ResultSet rs = keepAlive.getMetaData().getImportedKeys(null, null, "book")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("PKTABLE_NAME")).isEqualTo("author");
        }
    }

    @Test
    void schemaUpdateAddsTheMissingTablesAndKeepsTheRows() throws SQLException {
        SessionFactory first = factory("create", Doc.class);
        first.inTransaction(s -> s.persist(new Doc(1, "kept", new float[] {1, 2, 3})));
        first.close();
        SessionFactory updated = factory("update", MODEL);
        assertThat(sqlIds("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                .containsExactly(6L);
        updated.inSession(s -> assertThat(s.find(Doc.class, 1L).getTitle()).isEqualTo("kept"));
        factory("validate", MODEL);
    }

    @Test
    void validationReportsAMissingColumn() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.executeUpdate("CREATE TABLE doc (id BIGINT PRIMARY KEY, title VARCHAR(255))");
        }
        assertThatThrownBy(() -> factory("validate", Doc.class))
                .isInstanceOf(SchemaManagementException.class)
                .hasMessageContaining("embedding");
    }

    @Test
    void hqlAndCriteriaWithPaging() {
        SessionFactory sf = factory("create", MODEL);
        books(sf);
        sf.inSession(s -> {
            List<Long> hql = s.createQuery("select b.id from Book b where b.price > :p order by b.id", Long.class)
                    .setParameter("p", 25.0).setFirstResult(2).setMaxResults(3).getResultList();
            assertThat(hql).containsExactly(5L, 6L, 7L);

            CriteriaBuilder cb = s.getCriteriaBuilder();
            CriteriaQuery<Book> q = cb.createQuery(Book.class);
            Root<Book> b = q.from(Book.class);
            q.select(b).where(cb.equal(b.get("author").get("name"), "Bob")).orderBy(cb.desc(b.get("id")));
            List<Long> criteria = s.createQuery(q).setMaxResults(2).getResultList().stream().map(Book::getId).toList();
            assertThat(criteria).containsExactly(9L, 6L);

            CriteriaQuery<Long> count = cb.createQuery(Long.class);
            Root<Book> all = count.from(Book.class);
            count.select(cb.count(all)).where(cb.like(all.get("title"), "Book 1%"));
            assertThat(s.createQuery(count).getSingleResult()).isEqualTo(2L);

            assertThat(s.createQuery("select avg(b.price) from Book b join b.author a where a.name = 'Ann'", Double.class)
                    .getSingleResult()).isCloseTo((10 + 20 + 40 + 50 + 70 + 80 + 100) / 7.0, within(1e-9));
        });
    }

    @Test
    void updatesAndDeletesThroughEntitiesAndHql() {
        SessionFactory sf = factory("create", MODEL);
        books(sf);
        sf.inTransaction(s -> s.find(Book.class, 1L).setTitle("Renamed"));
        sf.inTransaction(s -> s.remove(s.find(Book.class, 2L)));
        int raised = sf.fromTransaction(s -> s.createMutationQuery("update Book b set b.price = b.price + 1 where b.id > 8")
                .executeUpdate());
        assertThat(raised).isEqualTo(2);
        sf.inSession(s -> {
            assertThat(s.find(Book.class, 1L).getTitle()).isEqualTo("Renamed");
            assertThat(s.find(Book.class, 2L)).isNull();
            assertThat(s.find(Book.class, 10L).getPrice()).isEqualTo(101.0);
        });
    }

    @Test
    void oneToManyAndManyToOne() {
        SessionFactory sf = factory("create", MODEL);
        books(sf);
        sf.inSession(s -> {
            Author bob = s.find(Author.class, 2L);
            assertThat(bob.getBooks()).extracting(Book::getId).containsExactly(3L, 6L, 9L);
            assertThat(s.find(Book.class, 4L).getAuthor().getName()).isEqualTo("Ann");
            List<String> names = s.createQuery("select distinct a.name from Author a join a.books b where b.price >= 90 "
                    + "order by a.name", String.class).getResultList();
            assertThat(names).containsExactly("Ann", "Bob");
        });
    }

    @Test
    void manyToManyThroughTheJoinTable() {
        SessionFactory sf = factory("create", MODEL);
        sf.inTransaction(s -> {
            Course math = new Course(1, "Math");
            Course art = new Course(2, "Art");
            s.persist(math);
            s.persist(art);
            Student a = new Student(1, "Ada");
            a.getCourses().add(math);
            a.getCourses().add(art);
            Student b = new Student(2, "Bo");
            b.getCourses().add(math);
            s.persist(a);
            s.persist(b);
        });
        sf.inSession(s -> {
            assertThat(s.find(Student.class, 1L).getCourses()).extracting(Course::getTitle)
                    .containsExactlyInAnyOrder("Math", "Art");
            assertThat(s.find(Course.class, 1L).getStudents()).extracting(Student::getName)
                    .containsExactlyInAnyOrder("Ada", "Bo");
        });
        sf.inTransaction(s -> s.find(Student.class, 1L).getCourses().removeIf(c -> c.getTitle().equals("Art")));
        sf.inSession(s -> assertThat(s.find(Course.class, 2L).getStudents()).isEmpty());
    }

    @Test
    void versionCheckRejectsAStaleUpdate() {
        SessionFactory sf = factory("create", MODEL);
        books(sf);
        var first = sf.openSession();
        var second = sf.openSession();
        try (first; second) {
            first.beginTransaction();
            second.beginTransaction();
            Book mine = first.find(Book.class, 5L);
            Book theirs = second.find(Book.class, 5L);
            mine.setPrice(1);
            first.getTransaction().commit();
            theirs.setPrice(2);
            assertThatThrownBy(() -> second.getTransaction().commit()).isInstanceOf(OptimisticLockException.class);
        }
        sf.inSession(s -> {
            Book b = s.find(Book.class, 5L);
            assertThat(b.getPrice()).isEqualTo(1.0);
            assertThat(b.getVersion()).isEqualTo(1);
        });
    }

    @Test
    void vectorDistancesAgreeWithPlainSql() throws SQLException {
        SessionFactory sf = factory("create", MODEL);
        sf.inTransaction(s -> {
            s.persist(new Doc(1, "x axis", new float[] {1, 0, 0}));
            s.persist(new Doc(2, "y axis", new float[] {0, 1, 0}));
            s.persist(new Doc(3, "diagonal", new float[] {1, 1, 0}));
            s.persist(new Doc(4, "far", new float[] {-3, 2, 5}));
        });
        float[] q = {0.9f, 0.2f, 0.1f};
        sf.inSession(s -> {
            assertThat(s.find(Doc.class, 4L).getEmbedding()).containsExactly(-3, 2, 5);
            List<Long> byCosine = s.createQuery("select d.id from Doc d order by cosine_distance(d.embedding, :q), d.id",
                    Long.class).setParameter("q", q).getResultList();
            List<Long> byL2 = s.createQuery("select d.id from Doc d order by euclidean_distance(d.embedding, :q), d.id",
                    Long.class).setParameter("q", q).setMaxResults(2).getResultList();
            try {
                assertThat(byCosine).isEqualTo(sqlIds("SELECT id FROM doc ORDER BY embedding <=> '[0.9,0.2,0.1]', id"));
                assertThat(byL2).isEqualTo(sqlIds("SELECT id FROM doc ORDER BY embedding <-> '[0.9,0.2,0.1]', id LIMIT 2"));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            Double d = s.createQuery("select euclidean_distance(d.embedding, :q) from Doc d where d.id = 2", Double.class)
                    .setParameter("q", q).getSingleResult();
            assertThat(d).isCloseTo(Math.sqrt(0.81 + 0.64 + 0.01), within(1e-6));
        });
    }

    @Test
    void identityIdsComeFromTheDatabase() {
        SessionFactory sf = factory("create", IdentityItem.class);
        long first = sf.fromTransaction(s -> {
            IdentityItem i = new IdentityItem("a");
            s.persist(i);
            return i.getId();
        });
        long second = sf.fromTransaction(s -> {
            IdentityItem i = new IdentityItem("b");
            s.persist(i);
            return i.getId();
        });
        assertThat(second).isGreaterThan(first);
        factory("validate", IdentityItem.class);
    }

    @Test
    void sequenceIdsComeFromTheSequence() {
        SessionFactory sf = factory("create", SequenceItem.class);
        List<Long> ids = sf.fromTransaction(s -> {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                SequenceItem item = new SequenceItem("n" + i);
                s.persist(item);
                out.add(item.getId());
            }
            return out;
        });
        assertThat(ids).doesNotHaveDuplicates().hasSize(60);
        factory("validate", SequenceItem.class);
    }

    @Test
    void datesTimestampsAndDecimals() {
        SessionFactory sf = factory("create", Event.class);
        LocalDateTime at = LocalDateTime.of(2026, 3, 1, 9, 30, 15, 123456000);
        sf.inTransaction(s -> s.persist(new Event(1, LocalDate.of(2026, 3, 1), at, new BigDecimal("12.50"))));
        sf.inSession(s -> {
            Event e = s.find(Event.class, 1L);
            assertThat(e.getDay()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThat(e.getStartsAt()).isEqualTo(at);
            assertThat(e.getFee()).isEqualByComparingTo("12.50");
        });
        factory("validate", Event.class);
    }
}
