package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.Set;

/**
 * quote_ident(text), quote_literal(text) and quote_nullable(text), as PostgreSQL writes them: an
 * identifier is double-quoted unless it is lower-case letters, digits and underscores not starting
 * with a digit and not a reserved word; a literal is single-quoted with quotes doubled, and written
 * E'...' with backslashes doubled when it holds one. quote_nullable gives the word NULL for NULL.
 */
public record Quoting(Kind kind) implements Builtin {
    public enum Kind { IDENT, LITERAL, NULLABLE }

    /** PostgreSQL's reserved, type/function-name and column-name keywords: quote_ident quotes them. */
    private static final Set<String> KEYWORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check",
            "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
            "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign", "freeze",
            "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner",
            "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "json_array",
            "json_arrayagg", "json_object", "json_objectagg", "lateral", "leading", "least", "left", "like",
            "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not",
            "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer",
            "overlaps", "overlay", "placing", "position", "precision", "primary", "real", "references",
            "returning", "right", "row", "select", "session_user", "setof", "similar", "smallint", "some",
            "substring", "symmetric", "system_user", "table", "tablesample", "then", "time", "timestamp", "to",
            "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar",
            "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement",
            "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    @Override
    public boolean strict() {
        return kind != Kind.NULLABLE;
    }

    @Override
    public Object apply(Object[] args, SqlType resultType) {
        String s = (String) args[0];
        return switch (kind) {
            case IDENT -> ident(s);
            case LITERAL -> literal(s);
            case NULLABLE -> s == null ? "NULL" : literal(s);
        };
    }

    public static String ident(String s) {
        boolean plain = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) && s.charAt(0) < 128 || s.charAt(0) == '_');
        for (int i = 0; plain && i < s.length(); i++) {
            char c = s.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
        }
        if (plain && !KEYWORDS.contains(s)) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    public static String literal(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }
}
