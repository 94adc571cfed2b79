package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ColumnInfo;
import io.kyrodb.engine.catalog.TableInfo;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.text;
import static io.kyrodb.engine.catalog.system.SystemView.yesNo;

/**
 * information_schema.columns: the columns of every table and system view, with Postgres's type
 * descriptions (data_type, the lengths and precisions, udt_name; pgvector's type is USER-DEFINED).
 */
final class InformationSchemaColumns {
    /** Postgres's limit on a text value in bytes, which it reports as the octet length of unbounded text. */
    private static final int MAX_TEXT_OCTETS = 1073741824;

    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "columns", List.of(
            text("table_catalog"), text("table_schema"), text("table_name"), text("column_name"),
            int4("ordinal_position"), text("column_default"), text("is_nullable"), text("data_type"),
            int4("character_maximum_length"), int4("character_octet_length"), int4("numeric_precision"),
            int4("numeric_precision_radix"), int4("numeric_scale"), int4("datetime_precision"), text("interval_type"),
            int4("interval_precision"), text("character_set_catalog"), text("character_set_schema"),
            text("character_set_name"), text("collation_catalog"), text("collation_schema"), text("collation_name"),
            text("domain_catalog"), text("domain_schema"), text("domain_name"), text("udt_catalog"),
            text("udt_schema"), text("udt_name"), text("scope_catalog"), text("scope_schema"), text("scope_name"),
            int4("maximum_cardinality"), text("dtd_identifier"), text("is_self_referencing"), text("is_identity"),
            text("identity_generation"), text("identity_start"), text("identity_increment"),
            text("identity_maximum"), text("identity_minimum"), text("identity_cycle"), text("is_generated"),
            text("generation_expression"), text("is_updatable")), InformationSchemaColumns::rows);

    private InformationSchemaColumns() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : ctx.tables()) {
            if (ctx.isMaterialized(t)) {
                continue;   // listed by pg_matviews, not here, as in PostgreSQL
            }
            io.kyrodb.engine.catalog.Table table = ctx.catalog().table(
                    io.kyrodb.engine.catalog.SchemaNames.key(t.schema(), t.name()));
            for (ColumnInfo c : t.columns()) {
                Object[] row = row(ctx, t.schema(), t.name(), c.name(), c.ordinal(), c.type(), c.nullable(), true);
                if (table != null) {
                    definition(ctx, table, table.columns().get(c.ordinal() - 1), row);
                }
                rows.add(row);
            }
        }
        for (io.kyrodb.engine.catalog.View v : ctx.catalog().views()) {
            List<Column> columns = ctx.columnsOf(v);
            for (int i = 0; i < columns.size(); i++) {
                rows.add(row(ctx, io.kyrodb.engine.catalog.SchemaNames.schemaOf(v.name()),
                        io.kyrodb.engine.catalog.SchemaNames.localOf(v.name()), columns.get(i).name(), i + 1,
                        columns.get(i).type(), true, false));
            }
        }
        for (SystemView v : SystemViews.all()) {
            for (int i = 0; i < v.columns().size(); i++) {
                Column c = v.columns().get(i);
                rows.add(row(ctx, v.schema(), v.name(), c.name(), i + 1, c.type(), true, false));
            }
        }
        return rows;
    }

    /** column_default, and for an identity column is_identity and identity_* from its sequence. */
    private static void definition(SystemContext ctx, io.kyrodb.engine.catalog.Table table, Column c, Object[] row) {
        row[5] = c.defaultText();
        if (c.generated()) {
            row[5] = null;
            row[41] = "ALWAYS";
            row[42] = io.kyrodb.engine.binder.IndexExpressions.display(table, c.generatedSql());
        }
        if (c.identity() == null) {
            return;
        }
        row[34] = "YES";
        row[35] = c.identity() == Column.Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT";
        io.kyrodb.engine.catalog.Sequence s = ctx.catalog().ownedSequence(table.name(), c.name());
        if (s != null) {
            row[36] = Long.toString(s.start());
            row[37] = Long.toString(s.increment());
            row[38] = Long.toString(s.maxValue());
            row[39] = Long.toString(s.minValue());
            row[40] = s.cycle() ? "YES" : "NO";
        }
    }

    private static Object[] row(SystemContext ctx, String schema, String table, String column, int ordinal,
                                SqlType type, boolean nullable, boolean updatable) {
        PgTypes.PgType pg = PgTypes.of(type);
        TypeKind k = type.kind();
        Integer maxLength = k == TypeKind.VARCHAR && type.charLength() > 0 ? type.charLength() : null;
        Integer octets = k.isText() ? (maxLength != null ? maxLength * 4 : MAX_TEXT_OCTETS) : null;
        Integer precision = switch (k) {
            case SMALLINT -> 16;
            case INTEGER -> 32;
            case BIGINT -> 64;
            case REAL -> 24;
            case DOUBLE -> 53;
            case NUMERIC -> type.hasTypmod() ? type.numericPrecision() : null;
            default -> null;
        };
        Integer radix = k == TypeKind.NUMERIC ? Integer.valueOf(10) : precision != null ? Integer.valueOf(2) : null;
        Integer scale = k.isInteger() ? Integer.valueOf(0)
                : k == TypeKind.NUMERIC && type.hasTypmod() ? Integer.valueOf(type.scale()) : null;
        Integer datetimePrecision = switch (k) {   // fractional-second digits, as PostgreSQL shows them
            case DATE -> 0;
            case TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> type.scale();
            default -> null;
        };
        String intervalType = k == TypeKind.INTERVAL ? io.kyrodb.engine.types.IntervalTypmod.informationSchemaType(type.length()) : null;
        String udtSchema = type.enumType() != null ? type.enumType().schema()
                : pg.dataType().equals("USER-DEFINED") ? "public" : SystemViews.PG_CATALOG;
        io.kyrodb.engine.types.DomainType domain = type.domain();
        return new Object[] {ctx.database(), schema, table, column, ordinal, null, yesNo(nullable), pg.dataType(),
                maxLength, octets, precision, radix, scale, datetimePrecision, intervalType, null, null, null, null, null, null, null,
                domain == null ? null : ctx.database(), domain == null ? null : domain.schema(),
                domain == null ? null : domain.name(), ctx.database(), udtSchema, pg.name(), null, null, null, null,
                Integer.toString(ordinal), "NO", "NO", null, null, null, null, null, "NO", "NEVER", null,
                yesNo(updatable)};
    }
}
