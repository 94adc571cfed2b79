package io.kyrodb.hibernate;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;

/**
 * On KyroDB, replaces hibernate-vector's float vector types with {@link KyroVectorJdbcType}.
 * Runs after hibernate-vector's own contributor (a higher {@link #ordinal()}), and only when
 * hibernate-vector is on the class path and the dialect is {@link KyroDialect}.
 */
public final class KyroVectorTypeContributor implements TypeContributor {
    private static final String HIBERNATE_VECTOR = "org.hibernate.vector.internal.PGVectorJdbcType";

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry registry) {
        if (!(registry.requireService(JdbcServices.class).getDialect() instanceof KyroDialect) || !hibernateVector()) {
            return;
        }
        JdbcTypeRegistry types = contributions.getTypeConfiguration().getJdbcTypeRegistry();
        for (int code : new int[] {SqlTypes.VECTOR, SqlTypes.VECTOR_FLOAT32}) {
            types.addDescriptor(code, new KyroVectorJdbcType(types.getDescriptor(SqlTypes.FLOAT), code, "vector"));
        }
    }

    /** After hibernate-vector's contributors, which have the default ordinal. */
    @Override
    public int ordinal() {
        return 2000;
    }

    private static boolean hibernateVector() {
        try {
            Class.forName(HIBERNATE_VECTOR, false, KyroVectorTypeContributor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
