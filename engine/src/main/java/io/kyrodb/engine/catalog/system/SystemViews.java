package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Table;

import java.util.List;

/**
 * The read-only catalog views tools and ORMs query, under {@code information_schema} and
 * {@code pg_catalog}. The binder resolves a name here ({@link #find}) before the user's tables:
 * {@code information_schema.x} only when qualified; {@code pg_catalog.x} also unqualified, since
 * Postgres searches pg_catalog first whatever the search_path says.
 */
public final class SystemViews {
    public static final String PG_CATALOG = "pg_catalog";
    public static final String INFORMATION_SCHEMA = "information_schema";

    private static final List<SystemView> ALL = List.of(
            InformationSchemaTables.VIEW, InformationSchemaColumns.VIEW, InformationSchemaSchemata.VIEW,
            InformationSchemaTableConstraints.VIEW, InformationSchemaKeyColumnUsage.VIEW,
            InformationSchemaReferentialConstraints.VIEW, InformationSchemaSequences.VIEW, InformationSchemaViews.VIEW,
            PgClass.VIEW, PgNamespace.VIEW, PgAttribute.VIEW, PgType.VIEW, PgIndex.VIEW, PgSettings.VIEW,
            PgDatabase.VIEW, PgTables.VIEW, PgIndexes.VIEW, PgViews.VIEW, PgRoles.VIEW, PgDescription.VIEW,
            PgAm.VIEW, PgConstraint.VIEW, PgAttrdef.VIEW, PgSequence.VIEW, InformationSchemaCheckConstraints.VIEW,
            PgExtension.VIEW, PgStatProgressCreateIndex.VIEW,
            PgStatActivity.VIEW, PgLocks.VIEW, PgUser.VIEW, PgAuthid.VIEW, PgProc.VIEW, PgMatviews.VIEW,
            PgPreparedStatements.VIEW, PgCursors.VIEW, PgEnum.VIEW, PgTrigger.VIEW, InformationSchemaTriggers.VIEW,
            PgAuthMembers.VIEW, InformationSchemaTablePrivileges.VIEW, InformationSchemaTablePrivileges.ROLE_TABLE_GRANTS,
            InformationSchemaRoles.ENABLED, InformationSchemaRoles.APPLICABLE);

    private SystemViews() {
    }

    public static List<SystemView> all() {
        return ALL;
    }

    public static boolean isSystemSchema(String schema) {
        return PG_CATALOG.equals(schema) || INFORMATION_SCHEMA.equals(schema);
    }

    /** The view {@code schema.name}; {@code schema} null: an unqualified name, which finds only pg_catalog's. */
    public static SystemView find(String schema, String name) {
        String in = schema == null ? PG_CATALOG : schema;
        for (SystemView v : ALL) {
            if (v.schema().equals(in) && v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    /** The view as a table for one statement: its rows are computed from {@code ctx} at each scan. */
    public static Table table(SystemView view, SystemContext ctx) {
        return Table.system(view.name(), view.columns(), () -> view.rows().apply(ctx).iterator());
    }
}
