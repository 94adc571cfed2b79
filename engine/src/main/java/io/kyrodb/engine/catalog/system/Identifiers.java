package io.kyrodb.engine.catalog.system;

import java.util.Set;

/** Quotes a name the way Postgres's quote_ident does: only when it is not a plain lower-case identifier. */
public final class Identifiers {
    private static final Set<String> RESERVED = Set.of("all", "and", "any", "as", "asc", "both", "case", "cast",
            "check", "column", "constraint", "create", "default", "desc", "distinct", "do", "else", "end", "false",
            "for", "foreign", "from", "grant", "group", "having", "in", "into", "limit", "not", "null", "offset",
            "on", "only", "or", "order", "primary", "references", "select", "table", "then", "to", "true", "union",
            "unique", "user", "using", "when", "where", "with");

    private Identifiers() {
    }

    public static String quote(String name) {
        boolean plain = !name.isEmpty() && !RESERVED.contains(name)
                && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
