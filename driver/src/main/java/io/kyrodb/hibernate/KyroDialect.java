package io.kyrodb.hibernate;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.dialect.PostgreSQLDriverKind;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * Hibernate ORM 7's dialect for KyroDB: PostgreSQL 15's, since KyroDB speaks that dialect (its
 * SQL tests run against a PostgreSQL 15 server as the reference). Extending
 * {@link PostgreSQLDialect} is what lets hibernate-vector's pgvector support
 * ({@code @JdbcTypeCode(SqlTypes.VECTOR)}, {@code cosine_distance} and friends) work unchanged.
 * {@link KyroDialectResolver} picks it from the product name {@code KyroDB}, so
 * {@code hibernate.dialect} need not be set.
 *
 * <p>Where it departs from PostgreSQL's: the version is fixed at 15.0 (KyroDB reports its own
 * version through JDBC, which Hibernate would take for an unsupported PostgreSQL 0.1); the
 * driver is not pgjdbc, so no pgjdbc-specific value binding ({@code PGobject}) is used.
 *
 * <p>Lives in the driver module with hibernate-core as a provided, optional dependency: the
 * driver's artifacts do not carry Hibernate, and the class is only loaded where Hibernate is.
 */
public class KyroDialect extends PostgreSQLDialect {
    /** The PostgreSQL release whose dialect KyroDB follows. */
    public static final DatabaseVersion POSTGRES_VERSION = DatabaseVersion.make(15, 0);

    public KyroDialect() {
        super(POSTGRES_VERSION, PostgreSQLDriverKind.OTHER);
    }

    /** What Hibernate calls when {@code hibernate.dialect} names this class; the version is KyroDB's dialect's, not the product's. */
    public KyroDialect(DialectResolutionInfo info) {
        this();
    }
}
