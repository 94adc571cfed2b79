package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How KyroDB's types appear in the catalog views: PostgreSQL's type OIDs, names and lengths (so
 * tools that know Postgres recognise them), keyed by {@link TypeKind#sqlName()}. {@code vector}
 * (pgvector's, whose OID Postgres assigns at CREATE EXTENSION) gets a fixed OID above the
 * built-in range.
 */
public final class PgTypes {
    /** One type: OID, pg_type name, typlen, typcategory, information_schema data_type. */
    public record PgType(long oid, String name, int length, String category, String dataType) {
    }

    public static final long VECTOR_OID = 16385;
    public static final PgType UNKNOWN = new PgType(705, "unknown", -2, "X", "unknown");

    private static final List<PgType> ALL = List.of(
            new PgType(16, "bool", 1, "B", "boolean"),
            new PgType(17, "bytea", -1, "U", "bytea"),
            new PgType(20, "int8", 8, "N", "bigint"),
            new PgType(21, "int2", 2, "N", "smallint"),
            new PgType(23, "int4", 4, "N", "integer"),
            new PgType(25, "text", -1, "S", "text"),
            new PgType(114, "json", -1, "U", "json"),
            new PgType(700, "float4", 4, "N", "real"),
            new PgType(701, "float8", 8, "N", "double precision"),
            new PgType(705, "unknown", -2, "X", "unknown"),
            new PgType(1042, "bpchar", -1, "S", "character"),
            new PgType(1043, "varchar", -1, "S", "character varying"),
            new PgType(1082, "date", 4, "D", "date"),
            new PgType(1083, "time", 8, "D", "time without time zone"),
            new PgType(1114, "timestamp", 8, "D", "timestamp without time zone"),
            new PgType(1184, "timestamptz", 8, "D", "timestamp with time zone"),
            new PgType(1186, "interval", 16, "T", "interval"),
            new PgType(1700, "numeric", -1, "N", "numeric"),
            new PgType(2950, "uuid", 16, "U", "uuid"),
            new PgType(3802, "jsonb", -1, "U", "jsonb"),
            new PgType(4072, "jsonpath", -1, "U", "jsonpath"),
            new PgType(3614, "tsvector", -1, "U", "tsvector"),
            new PgType(3615, "tsquery", -1, "U", "tsquery"),
            new PgType(VECTOR_OID, "vector", -1, "U", "USER-DEFINED"),
            new PgType(VECTOR_OID + 1, "halfvec", -1, "U", "USER-DEFINED"),
            new PgType(VECTOR_OID + 2, "sparsevec", -1, "U", "USER-DEFINED"),
            new PgType(1560, "bit", -1, "V", "bit"),
            new PgType(1562, "varbit", -1, "V", "bit varying"),
            new PgType(2205, "regclass", 4, "N", "regclass"),
            new PgType(2206, "regtype", 4, "N", "regtype"),
            new PgType(24, "regproc", 4, "N", "regproc"),
            new PgType(4089, "regnamespace", 4, "N", "regnamespace"),
            new PgType(26, "oid", 4, "N", "oid"),
            new PgType(3904, "int4range", -1, "R", "int4range"),
            new PgType(3906, "numrange", -1, "R", "numrange"),
            new PgType(3908, "tsrange", -1, "R", "tsrange"),
            new PgType(3910, "tstzrange", -1, "R", "tstzrange"),
            new PgType(3912, "daterange", -1, "R", "daterange"),
            new PgType(3926, "int8range", -1, "R", "int8range"));

    private PgTypes() {
    }

    /** Every type pg_type lists: the ones above that KyroDB has (by name) or that Postgres always has. */
    public static List<PgType> all() {
        List<PgType> out = new ArrayList<>();
        for (PgType t : ALL) {
            boolean ours = false;
            for (TypeKind k : TypeKind.values()) {
                ours |= of(k) == t || (k == TypeKind.BIT && t.name().equals("varbit"));
            }
            if (ours) {
                out.add(t);
            }
        }
        return out;
    }

    /** An array type is {@code _<element>} with Postgres's OID for it, data_type {@code ARRAY}. */
    public static PgType of(SqlType type) {
        if (type.enumType() != null) {   // pg_type's row of the enum (typtype 'e', category E)
            return new PgType(type.enumType().oid(), type.enumType().name(), 4, "E", "USER-DEFINED");
        }
        if (type.isArray() && type.element() != null) {
            PgType element = of(type.element());
            if (type.element().enumType() != null) {
                return new PgType(arrayOid(type.element().enumType()), "_" + element.name(), -1, "A", "ARRAY");
            }
            Long oid = ARRAY_OIDS.get(element.name());
            return new PgType(oid == null ? 0 : oid, "_" + element.name(), -1, "A", "ARRAY");
        }
        if (type.varying()) {
            return byName("varbit");
        }
        if (type.blankPadded()) {
            return byName("bpchar");
        }
        return of(type.kind());
    }

    private static final java.util.Map<String, Long> ARRAY_OIDS = java.util.Map.ofEntries(
            java.util.Map.entry("bool", 1000L), java.util.Map.entry("bytea", 1001L),
            java.util.Map.entry("int2", 1005L), java.util.Map.entry("int4", 1007L),
            java.util.Map.entry("text", 1009L), java.util.Map.entry("varchar", 1015L),
            java.util.Map.entry("bpchar", 1014L),
            java.util.Map.entry("int8", 1016L), java.util.Map.entry("float4", 1021L),
            java.util.Map.entry("float8", 1022L), java.util.Map.entry("json", 199L),
            java.util.Map.entry("uuid", 2951L), java.util.Map.entry("jsonb", 3807L),
            java.util.Map.entry("jsonpath", 4073L),
            java.util.Map.entry("tsvector", 3643L), java.util.Map.entry("tsquery", 3645L),
            java.util.Map.entry("numeric", 1231L), java.util.Map.entry("date", 1182L),
            java.util.Map.entry("timestamp", 1115L), java.util.Map.entry("timestamptz", 1185L),
            java.util.Map.entry("bit", 1561L), java.util.Map.entry("varbit", 1563L),
            java.util.Map.entry("int4range", 3905L), java.util.Map.entry("numrange", 3907L),
            java.util.Map.entry("tsrange", 3909L), java.util.Map.entry("tstzrange", 3911L),
            java.util.Map.entry("daterange", 3913L), java.util.Map.entry("int8range", 3927L));

    /** The OID of a user type's array type ({@code _mood}): next to the type's own. */
    public static long arrayOid(io.kyrodb.engine.types.UserType t) {
        return t.oid() + 1L;
    }

    public static PgType of(TypeKind kind) {
        String n = kind.sqlName().toLowerCase(Locale.ROOT);
        for (PgType t : ALL) {
            if (t.name().equals(n) || t.dataType().equals(n)) {
                return t;
            }
        }
        return switch (n) {
            case "timestamp with time zone" -> byName("timestamptz");
            case "time with time zone", "timetz" -> UNKNOWN;
            default -> UNKNOWN;
        };
    }

    public static PgType byOid(long oid) {
        for (PgType t : ALL) {
            if (t.oid() == oid) {
                return t;
            }
        }
        for (java.util.Map.Entry<String, Long> a : ARRAY_OIDS.entrySet()) {
            if (a.getValue() == oid) {
                return new PgType(oid, "_" + a.getKey(), -1, "A", "ARRAY");
            }
        }
        return null;
    }

    private static PgType byName(String name) {
        for (PgType t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return UNKNOWN;
    }

    /** atttypmod: {@code varchar(n)} stores n + 4 (Postgres's VARHDRSZ), {@code vector(n)} n, others -1. */
    public static int typmod(SqlType type) {
        if (type.kind() == TypeKind.BIT) {
            return type.bitLength() > 0 ? type.bitLength() : -1;   // bit(n), varbit(n): n
        }
        if (type.kind() == TypeKind.VARCHAR) {
            return type.charLength() > 0 ? type.charLength() + 4 : -1;
        }
        if (type.kind() == TypeKind.NUMERIC) {
            return type.hasTypmod() ? type.length() + 4 : -1;   // (precision << 16 | scale) + 4, as PostgreSQL
        }
        if (type.kind() == TypeKind.TIMESTAMP || type.kind() == TypeKind.TIMESTAMPTZ || type.kind() == TypeKind.TIME
                || type.kind() == TypeKind.TIMETZ) {
            return type.length() > 0 ? type.scale() : -1;        // the fractional digits
        }
        return type.length() <= 0 ? -1 : type.length();
    }

    /** format_type(oid, typmod): the name Postgres prints, e.g. {@code character varying(20)}. */
    public static String format(long oid, Integer typmod) {
        PgType t = byOid(oid);
        if (t == null) {
            return "???";
        }
        if (t.dataType().equals("ARRAY")) {
            PgType element = ALL.stream().filter(e -> e.name().equals(t.name().substring(1))).findFirst().orElse(UNKNOWN);
            return format(element.oid(), typmod) + "[]";
        }
        String base = switch (t.name()) {
            case "bool" -> "boolean";
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "varchar" -> "character varying";
            case "bpchar" -> typmod == null || typmod < 0 ? "bpchar" : "character";
            default -> t.dataType().equals("USER-DEFINED") ? t.name() : t.dataType();
        };
        if (typmod == null || typmod < 0) {
            return base;
        }
        return switch (t.name()) {
            case "varchar", "bpchar" -> typmod >= 4 ? base + "(" + (typmod - 4) + ")" : base;
            case "vector", "halfvec", "sparsevec", "bit", "varbit" -> base + "(" + typmod + ")";
            case "interval" -> io.kyrodb.engine.types.IntervalTypmod.displayName(typmod);
            case "numeric" -> typmod >= 4 ? "numeric(" + ((typmod - 4) >>> 16) + "," + ((typmod - 4) & 0xFFFF) + ")" : base;
            case "timestamp", "timestamptz", "time", "timetz" -> {
                String[] words = base.split(" ", 2);   // "timestamp with time zone" -> "timestamp(3) with time zone"
                yield words[0] + "(" + typmod + ")" + (words.length > 1 ? " " + words[1] : "");
            }
            default -> base;
        };
    }
}
