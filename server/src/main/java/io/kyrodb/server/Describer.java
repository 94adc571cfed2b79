package io.kyrodb.server;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code \d} and {@code \d name} show, read through {@link DatabaseMetaData} only, so it works
 * with any driver. Names follow SQL's rules: unquoted ones fold to lower case (trying the name as
 * typed and in upper case too, for drivers that fold the other way), {@code "Quoted"} ones are exact.
 */
final class Describer {

    private final DatabaseMetaData meta;

    Describer(DatabaseMetaData meta) {
        this.meta = meta;
    }

    /** Every user table and view, by schema and name ({@code verbose}: with its description, \\d+). */
    ResultTable relations(boolean verbose) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, null, "%", null)) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String type = rs.getString("TABLE_TYPE");
                if (isSystem(schema, type)) continue;
                List<String> row = new ArrayList<>(List.of(nonNull(schema), rs.getString("TABLE_NAME"), typeLabel(type)));
                if (verbose) row.add(nonNull(rs.getString("REMARKS")));
                rows.add(row);
            }
        }
        rows.sort(Comparator.<List<String>, String>comparing(r -> r.get(0)).thenComparing(r -> r.get(1)));
        return verbose
                ? new ResultTable("List of relations", List.of("Schema", "Name", "Type", "Description"),
                        List.of(false, false, false, false), rows, List.of())
                : new ResultTable("List of relations", List.of("Schema", "Name", "Type"),
                        List.of(false, false, false), rows, List.of());
    }

    /**
     * The columns and indexes of the named table, or null when there is no such table;
     * {@code verbose} (\\d+): a Description column with each column's COMMENT ON text.
     */
    ResultTable table(String name, boolean verbose) throws SQLException {
        List<Name> parts = Name.parse(name);
        if (parts.isEmpty() || parts.size() > 2) return null;
        Name tablePart = parts.get(parts.size() - 1);
        Name schemaPart = parts.size() == 2 ? parts.get(0) : null;
        for (String schema : schemaPart == null ? nullList() : schemaPart.candidates()) {
            for (String table : tablePart.candidates()) {
                ResultTable found = columns(schema, table, verbose);
                if (found != null) return found;
            }
        }
        return null;
    }

    private ResultTable columns(String schema, String table, boolean verbose) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        String foundSchema = null;
        try (ResultSet rs = meta.getColumns(null, pattern(schema), pattern(table), "%")) {
            while (rs.next()) {
                String rowSchema = rs.getString("TABLE_SCHEM");
                if (!rs.getString("TABLE_NAME").equals(table)) continue; // the pattern may match more
                if (schema != null && !schema.equals(rowSchema)) continue;
                if (rows.isEmpty()) foundSchema = rowSchema;
                else if (!nonNull(foundSchema).equals(nonNull(rowSchema))) continue; // same name elsewhere
                List<String> row = new ArrayList<>(List.of(
                        rs.getString("COLUMN_NAME"),
                        typeText(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"),
                                rs.getInt("DECIMAL_DIGITS")),
                        rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? "not null" : "",
                        defaultText(rs)));
                if (verbose) row.add(nonNull(rs.getString("REMARKS")));
                rows.add(row);
            }
        }
        if (rows.isEmpty()) return null;
        if (rows.stream().anyMatch(r -> r.get(1).equals("interval"))) {
            Map<String, String> intervals = intervalTypes(foundSchema, table);
            for (List<String> row : rows) {
                if (row.get(1).equals("interval")) row.set(1, intervals.getOrDefault(row.get(0), "interval"));
            }
        }
        String qualified = foundSchema == null || foundSchema.isEmpty() ? table : foundSchema + "." + table;
        List<String> view = viewFooters(foundSchema, table, verbose);
        String title = (view == null ? "Table" : "View") + " \"" + qualified + "\"";
        List<String> footers = view == null ? indexFooters(foundSchema, table) : view;
        if (verbose) {
            return new ResultTable(title, List.of("Column", "Type", "Nullable", "Default", "Description"),
                    List.of(false, false, false, false, false), rows, footers);
        }
        return new ResultTable(title, List.of("Column", "Type", "Nullable", "Default"),
                List.of(false, false, false, false), rows, footers);
    }

    /**
     * For a view: psql's \d+ footers, "View definition:" and (with a check option) "Options:
     * check_option=..." read from information_schema.views; null when {@code table} is no view.
     * A driver without information_schema.views shows the view without them.
     */
    /**
     * The interval columns' typmods, which JDBC metadata does not carry: {@code interval day to
     * second(3)}, {@code interval(2)}, from information_schema.columns (nothing where it fails).
     */
    private Map<String, String> intervalTypes(String schema, String table) {
        Map<String, String> types = new LinkedHashMap<>();
        try (java.sql.PreparedStatement ps = meta.getConnection().prepareStatement(
                "SELECT column_name, interval_type, datetime_precision FROM information_schema.columns"
                        + " WHERE table_name = ? AND data_type = 'interval'"
                        + (schema == null || schema.isEmpty() ? "" : " AND table_schema = ?"))) {
            ps.setString(1, table);
            if (schema != null && !schema.isEmpty()) ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String fields = rs.getString(2);
                    int precision = rs.getInt(3);
                    types.put(rs.getString(1), fields != null ? "interval " + fields.toLowerCase(Locale.ROOT)
                            : !rs.wasNull() && precision != 6 ? "interval(" + precision + ")" : "interval");
                }
            }
        } catch (SQLException e) {
            return types;
        }
        return types;
    }

    private List<String> viewFooters(String schema, String table, boolean verbose) {
        try (ResultSet rs = meta.getTables(null, pattern(schema), pattern(table), new String[] {"VIEW"})) {
            boolean found = false;
            while (rs.next()) {
                found |= rs.getString("TABLE_NAME").equals(table);
            }
            if (!found) return null;
        } catch (SQLException e) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        if (!verbose) return lines;
        try (java.sql.PreparedStatement ps = meta.getConnection().prepareStatement(
                "SELECT view_definition, check_option FROM information_schema.views WHERE table_name = ?"
                        + (schema == null || schema.isEmpty() ? "" : " AND table_schema = ?"))) {
            ps.setString(1, table);
            if (schema != null && !schema.isEmpty()) ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lines.add("View definition:");
                    lines.add(" " + nonNull(rs.getString(1)).strip() + ";");
                    String option = rs.getString(2);
                    if (option != null && !option.equalsIgnoreCase("NONE")) {
                        lines.add("Options: check_option=" + option.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (SQLException e) {
            // no information_schema.views here: the columns alone
        }
        return lines;
    }

    /** psql's Default column: the default, or a generated column's {@code generated always as (...) stored}. */
    private static String defaultText(ResultSet rs) throws SQLException {
        String def = nonNull(rs.getString("COLUMN_DEF"));
        String generated;
        try {
            generated = rs.getString("IS_GENERATEDCOLUMN");
        } catch (SQLException olderDriver) {
            generated = null;
        }
        return "YES".equals(generated) && !def.isEmpty() ? "generated always as (" + def + ") stored" : def;
    }

    /** psql's "Indexes:" lines. Optional: a driver that cannot tell leaves them out. */
    private List<String> indexFooters(String schema, String table) {
        List<String> lines = new ArrayList<>();
        try {
            Map<Short, String> pkColumns = new java.util.TreeMap<>();
            String pkName = null;
            try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
                while (rs.next()) {
                    pkColumns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                    pkName = rs.getString("PK_NAME");
                }
            }
            List<String> pk = new ArrayList<>(pkColumns.values());
            if (!pk.isEmpty()) lines.add("    " + quoted(pkName) + "PRIMARY KEY (" + String.join(", ", pk) + ")");

            Map<String, List<String>> indexColumns = new LinkedHashMap<>();
            Set<String> unique = new LinkedHashSet<>();
            try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, true)) {
                while (rs.next()) {
                    if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) continue;
                    String index = rs.getString("INDEX_NAME");
                    indexColumns.computeIfAbsent(index, k -> new ArrayList<>()).add(rs.getString("COLUMN_NAME"));
                    if (!rs.getBoolean("NON_UNIQUE")) unique.add(index);
                }
            }
            for (Map.Entry<String, List<String>> index : indexColumns.entrySet()) {
                boolean isUnique = unique.contains(index.getKey());
                if (isUnique && index.getValue().equals(pk)) continue; // the primary key's own index
                lines.add("    " + quoted(index.getKey()) + (isUnique ? "UNIQUE " : "")
                        + "(" + String.join(", ", index.getValue()) + ")");
            }
        } catch (SQLException | RuntimeException e) {
            return List.of(); // optional metadata: a driver that does not provide it shows columns only
        }
        lines.addAll(exclusionFooters(schema, table));
        if (lines.isEmpty()) return List.of();
        lines.add(0, "Indexes:");
        return lines;
    }

    /**
     * psql's lines for EXCLUDE constraints (among the "Indexes:"), read from pg_constraint; none
     * when the database has no such catalog (H2, SQLite).
     */
    private List<String> exclusionFooters(String schema, String table) {
        List<String> lines = new ArrayList<>();
        String sql = "SELECT c.conname, pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c"
                + " JOIN pg_catalog.pg_class r ON r.oid = c.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE c.contype = 'x' AND r.relname = ? AND n.nspname = ? ORDER BY c.conname";
        try (java.sql.PreparedStatement ps = meta.getConnection().prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add("    " + quoted(rs.getString(1)) + rs.getString(2));
                }
            }
        } catch (SQLException | RuntimeException e) {
            return List.of();
        }
        return lines;
    }

    private static String quoted(String name) {
        return name == null || name.isEmpty() ? "" : "\"" + name + "\" ";
    }

    private String pattern(String name) throws SQLException {
        if (name == null) return null;
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) return name;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' || c == '_' || escape.indexOf(c) >= 0) out.append(escape);
            out.append(c);
        }
        return out.toString();
    }

    private static String typeText(String typeName, int dataType, int size, int scale) {
        String type = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (type.contains("(")) return type;
        if (type.startsWith("_")) return psqlName(type.substring(1)) + "[]";   // PostgreSQL's array type names
        type = psqlName(type);
        boolean sized = size > 0 && size < Integer.MAX_VALUE;
        return switch (dataType) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> sized ? type + "(" + size + ")" : type;
            case Types.NUMERIC, Types.DECIMAL -> sized ? type + "(" + size + "," + scale + ")" : type;
            default -> type;
        };
    }

    /** A PostgreSQL internal type name (what pgjdbc and KyroDB's driver report) as psql's \\d prints it. */
    private static String psqlName(String type) {
        return switch (type) {
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "bool" -> "boolean";
            case "varchar" -> "character varying";
            case "bpchar" -> "character";
            case "timestamp" -> "timestamp without time zone";
            case "timestamptz" -> "timestamp with time zone";
            case "time" -> "time without time zone";
            case "timetz" -> "time with time zone";
            case "varbit" -> "bit varying";
            default -> type;
        };
    }

    private static boolean isSystem(String schema, String type) {
        if (type != null && type.toUpperCase(Locale.ROOT).contains("SYSTEM")) return true;
        return schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA") || schema.equalsIgnoreCase("pg_catalog"));
    }

    private static String typeLabel(String type) {
        if (type == null) return "";
        String label = type.toLowerCase(Locale.ROOT);
        return label.equals("base table") ? "table" : label;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static List<String> nullList() {
        List<String> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    /** One part of a possibly qualified name, as the user typed it. */
    record Name(String text, boolean quoted) {

        /** The spellings to look up, most likely first. */
        List<String> candidates() {
            if (quoted) return List.of(text);
            Set<String> spellings = new LinkedHashSet<>();
            spellings.add(text.toLowerCase(Locale.ROOT));
            spellings.add(text);
            spellings.add(text.toUpperCase(Locale.ROOT));
            return List.copyOf(spellings);
        }

        /** Splits {@code schema.table} at dots outside double quotes; {@code ""} inside quotes is a quote. */
        static List<Name> parse(String name) {
            List<Name> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            boolean quoted = false;
            boolean inQuotes = false;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (inQuotes) {
                    if (c == '"' && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                        part.append('"');
                        i++;
                    } else if (c == '"') {
                        inQuotes = false;
                    } else {
                        part.append(c);
                    }
                } else if (c == '"') {
                    inQuotes = true;
                    quoted = true;
                } else if (c == '.') {
                    parts.add(new Name(part.toString(), quoted));
                    part.setLength(0);
                    quoted = false;
                } else {
                    part.append(c);
                }
            }
            parts.add(new Name(part.toString(), quoted));
            return parts.stream().anyMatch(p -> p.text.isEmpty()) ? List.of() : parts;
        }
    }
}
