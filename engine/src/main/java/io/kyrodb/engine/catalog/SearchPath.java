package io.kyrodb.engine.catalog;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A session's {@code search_path} as PostgreSQL reads it: schema names in order, {@code "$user"}
 * standing for the schema named after the session's user. Unqualified names are looked up in the
 * schemas of the path that exist ({@link #effective}); new objects go into the first of them.
 * pg_catalog is searched before the path unless the path names it (the binder finds its views
 * first); schemas that do not exist are skipped, as in PostgreSQL.
 */
public record SearchPath(List<String> names, String user, String temporary) {
    public static final String DEFAULT = "\"$user\", public";
    private static final String USER = "$user";
    /** What a path or a qualified name writes for the session's temporary schema. */
    public static final String TEMPORARY_ALIAS = "pg_temp";
    /** The prefix of every session's temporary schema ({@code pg_temp_<backend pid>}). */
    public static final String TEMPORARY_PREFIX = "pg_temp_";

    public SearchPath {
        names = List.copyOf(names);
    }

    public SearchPath(List<String> names, String user) {
        this(names, user, null);
    }

    /** This path for a session whose temporary tables live in schema {@code schema}. */
    public SearchPath withTemporary(String schema) {
        return new SearchPath(names, user, schema);
    }

    /**
     * {@code schema} as a qualified name writes it, with {@code pg_temp} standing for this session's
     * temporary schema. Another session's is refused (PostgreSQL says 0A000, which connection pools
     * take for a broken connection: 42P01 here, as if it were not there).
     */
    public String resolveSchema(String schema) {
        if (schema == null) {
            return null;
        }
        if (schema.equals(TEMPORARY_ALIAS) && temporary != null) {
            return temporary;
        }
        if (schema.startsWith(TEMPORARY_PREFIX) && !schema.equals(temporary)) {
            throw new KyroException(SqlState.UNDEFINED_TABLE, "cannot access temporary tables of other sessions");
        }
        return schema;
    }

    /** The path of setting text {@code text} (what SET stores) for {@code user}. */
    public static SearchPath of(String text, String user) {
        return new SearchPath(parse(text), user);
    }

    /** The schemas of the path that exist in {@code catalog}, "$user" replaced by the user's schema. */
    public List<String> effective(Catalog catalog) {
        List<String> out = new ArrayList<>();
        boolean temporaryListed = false;
        for (String n : names) {
            String s = n.equals(USER) ? user : n.equals(TEMPORARY_ALIAS) ? temporary : n;
            temporaryListed |= n.equals(TEMPORARY_ALIAS);
            if (s != null && catalog.hasSchema(s) && !out.contains(s)) {
                out.add(s);
            }
        }
        // As PostgreSQL: the session's temporary schema is searched first unless the path places it.
        if (!temporaryListed && temporary != null && catalog.hasSchema(temporary) && !out.contains(temporary)) {
            out.addFirst(temporary);
        }
        return out;
    }

    /**
     * The schema CREATE puts an unqualified name in (never the temporary schema: only CREATE TEMP
     * goes there): 3F000 when no schema of the path exists.
     */
    public String creationSchema(Catalog catalog) {
        for (String s : effective(catalog)) {
            if (!s.equals(temporary)) {
                return s;
            }
        }
        throw new KyroException(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
    }

    /** The catalog key of unqualified {@code name}: the first schema of the path where {@code exists} holds, or null. */
    public String find(Catalog catalog, String name, Predicate<String> exists) {
        for (String s : effective(catalog)) {
            String key = SchemaNames.key(s, name);
            if (exists.test(key)) {
                return key;
            }
        }
        return null;
    }

    /** Splits setting text into names: commas outside double quotes separate, quotes keep case. */
    public static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        for (String part : splitOutsideQuotes(text, ',')) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p.startsWith("\"") ? unquote(p) : p.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The text SHOW prints for {@code names}: each quoted when it needs to be, joined by ", ". */
    public static String format(List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            parts.add(n.matches("[a-z_][a-z0-9_]*") ? n : "\"" + n.replace("\"", "\"\"") + "\"");
        }
        return String.join(", ", parts);
    }

    /**
     * A relation name as text (nextval('s.seq'), regclass-like arguments): {@code name},
     * {@code "Name"}, {@code schema.name}; returns {schema or null, name}. 22023 on bad syntax.
     */
    public static String[] parseQualified(String text) {
        List<String> parts = splitOutsideQuotes(text.strip(), '.');
        if (parts.isEmpty() || parts.size() > 3) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid name syntax: " + text);
        }
        List<String> names = new ArrayList<>();
        for (String p : parts) {
            String s = p.strip();
            if (s.isEmpty()) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid name syntax: " + text);
            }
            names.add(s.startsWith("\"") ? unquote(s) : s.toLowerCase(Locale.ROOT));
        }
        int n = names.size();
        return new String[] {n >= 2 ? names.get(n - 2) : null, names.get(n - 1)};
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String s) {
        if (s.length() < 2 || !s.endsWith("\"")) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid name syntax: " + s);
        }
        return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
}
