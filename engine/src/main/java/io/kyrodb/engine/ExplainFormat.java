package io.kyrodb.engine;

import io.kyrodb.engine.exec.ExplainDetails;
import io.kyrodb.engine.exec.Instrumentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an {@link Explain.Shown} tree in EXPLAIN's formats, laid out as PostgreSQL 15 lays them out:
 * TEXT one line per row; JSON, YAML and XML one document in one row, each operator a {@code Plan}
 * with {@code Node Type}, {@code Relation Name}, {@code Alias}, {@code Plan Rows}, its details and
 * {@code Plans} (what DBeaver's and pgAdmin's visual explain read). KyroDB has no costs, so no
 * {@code Startup Cost}/{@code Total Cost} is written.
 */
final class ExplainFormat {
    private ExplainFormat() {
    }

    static List<String> render(Explain.Shown root, Explain.Summary summary, Explain.Options options) {
        return switch (options.format()) {
            case "json" -> List.of(json(document(root, summary, options)));
            case "yaml" -> List.of(yaml(document(root, summary, options)));
            case "xml" -> List.of(xml(document(root, summary, options)));
            default -> text(root, summary, options);
        };
    }

    // ---- TEXT -----------------------------------------------------------------------------------

    private static List<String> text(Explain.Shown root, Explain.Summary summary, Explain.Options options) {
        List<String> lines = new ArrayList<>();
        text(root, "", true, lines, options);
        if (summary.estimator() != null) {
            lines.add("Estimator: " + summary.estimator());
        }
        if (!summary.settings().isEmpty()) {
            List<String> parts = new ArrayList<>();
            summary.settings().forEach((k, v) -> parts.add(k + " = '" + v.replace("'", "''") + "'"));
            lines.add("Settings: " + String.join(", ", parts));
        }
        if (summary.planningMs() != null) {
            lines.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", summary.planningMs()));
        }
        if (summary.executionMs() != null) {
            lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", summary.executionMs()));
        }
        return lines;
    }

    /** {@code arrowIndent}: where the {@code ->} of this node goes; its details and children go 6 further. */
    private static void text(Explain.Shown s, String arrowIndent, boolean root, List<String> lines, Explain.Options options) {
        StringBuilder b = new StringBuilder(root ? "" : arrowIndent + "->  ").append(s.title);
        if (s.planRows != null) {
            b.append("  (rows=").append(s.planRows).append(')');
        }
        if (s.measured) {
            b.append(' ').append(actual(s.counters, options.timing()));
        }
        lines.add(b.toString());
        String inner = root ? "  " : arrowIndent + "      ";
        for (ExplainDetails.Property p : s.properties) {
            lines.add(inner + switch (p.value()) {
                case null -> p.label();
                case List<?> l -> p.label() + ": " + String.join(", ", l.stream().map(String::valueOf).toList());
                default -> p.label() + ": " + p.value();
            });
        }
        for (Explain.Shown c : s.children) {
            if (c.subplanName != null) {
                lines.add(inner + c.subplanName);
                text(c, inner + "  ", false, lines, options);
            } else {
                text(c, inner, false, lines, options);
            }
        }
    }

    private static String actual(Instrumentation.Counters c, boolean timing) {
        if (c == null || c.loops == 0) {
            return "(never executed)";
        }
        StringBuilder b = new StringBuilder("(actual ");
        if (timing) {
            b.append(String.format(Locale.ROOT, "time=%.3f..%.3f ", c.firstRowNanos / 1e6 / c.loops,
                    c.totalNanos / 1e6 / c.loops));
        }
        return b.append("rows=").append(Math.round((double) c.rows / c.loops)).append(" loops=").append(c.loops)
                .append(')').toString();
    }

    // ---- The structured formats: one document of maps, lists, strings and numbers ----------------

    private static final Pattern SORT_METHOD = Pattern.compile("(.+)  (Memory|Disk): (\\d+)kB");
    private static final Pattern USING = Pattern.compile("(.+?) using (\\S+) on (\\S+)(?: (\\S+))?");
    private static final Pattern ON = Pattern.compile("(.+?) on (\\S+)(?: (\\S+))?");
    /** {@code Hash Left Join}, {@code Merge Semi Join}, {@code Nested Loop}, {@code Nested Loop Anti Join}. */
    private static final Pattern JOIN = Pattern.compile("(Hash|Merge)(?: (Left|Right|Full|Semi|Anti))? Join"
            + "|(Nested Loop)(?: (Left|Right|Full|Semi|Anti) Join)?");

    private static List<Object> document(Explain.Shown root, Explain.Summary summary, Explain.Options options) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("Plan", plan(root, options));
        if (summary.estimator() != null) {
            query.put("Estimator", summary.estimator());
        }
        if (!summary.settings().isEmpty()) {
            query.put("Settings", new LinkedHashMap<String, Object>(summary.settings()));
        }
        if (summary.planningMs() != null) {
            query.put("Planning Time", new Millis(summary.planningMs()));
        }
        if (options.analyze()) {
            query.put("Triggers", List.of());
        }
        if (summary.executionMs() != null) {
            query.put("Execution Time", new Millis(summary.executionMs()));
        }
        return List.of(query);
    }

    /** A time in milliseconds, written with three decimals as PostgreSQL writes them. */
    private record Millis(double value) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f", value);
        }
    }

    private static Map<String, Object> plan(Explain.Shown s, Explain.Options options) {
        Map<String, Object> m = new LinkedHashMap<>();
        String type = s.title;
        String index = null;
        String relation = null;
        String alias = null;
        Matcher u = USING.matcher(s.title);
        Matcher o = ON.matcher(s.title);
        Matcher j = JOIN.matcher(s.title);
        if (u.matches()) {
            type = u.group(1);
            index = u.group(2);
            relation = u.group(3);
            alias = u.group(4);
        } else if (o.matches()) {
            type = o.group(1);
            relation = o.group(2);
            alias = o.group(3);
        }
        String joinType = null;
        String strategy = null;
        if (j.matches()) {
            type = j.group(3) != null ? "Nested Loop" : j.group(1) + " Join";
            String kind = j.group(3) != null ? j.group(4) : j.group(2);
            joinType = kind == null ? "Inner" : kind;
        } else if (type.equals("HashAggregate")) {
            type = "Aggregate";
            strategy = "Hashed";
        } else if (type.equals("GroupAggregate")) {
            type = "Aggregate";
            strategy = "Sorted";
        } else if (type.equals("Aggregate")) {
            strategy = "Plain";
        }
        m.put("Node Type", type);
        if (strategy != null) {
            m.put("Strategy", strategy);
            m.put("Partial Mode", "Simple");
        }
        if (s.relationship != null) {
            m.put("Parent Relationship", s.relationship);
        }
        if (s.subplanName != null) {
            m.put("Subplan Name", s.subplanName);
        }
        m.put("Parallel Aware", false);
        m.put("Async Capable", false);
        if (joinType != null) {
            m.put("Join Type", joinType);
        }
        if (index != null) {
            m.put("Scan Direction", "Forward");
            m.put("Index Name", index);
        }
        if (relation != null) {
            int dot = relation.indexOf('.');
            m.put("Relation Name", dot < 0 ? relation : relation.substring(dot + 1));
            if (dot >= 0 && options.verbose()) {
                m.put("Schema", relation.substring(0, dot));
            }
            m.put("Alias", alias != null ? alias : dot < 0 ? relation : relation.substring(dot + 1));
        }
        if (s.planRows != null) {
            m.put("Plan Rows", s.planRows);
        }
        if (s.measured) {
            Instrumentation.Counters c = s.counters;
            long loops = c == null ? 0 : c.loops;
            if (options.timing()) {
                m.put("Actual Startup Time", new Millis(loops == 0 ? 0 : c.firstRowNanos / 1e6 / loops));
                m.put("Actual Total Time", new Millis(loops == 0 ? 0 : c.totalNanos / 1e6 / loops));
            }
            m.put("Actual Rows", loops == 0 ? 0 : Math.round((double) c.rows / loops));
            m.put("Actual Loops", loops);
        }
        List<String> bare = new ArrayList<>();
        for (ExplainDetails.Property p : s.properties) {
            Matcher sort = SORT_METHOD.matcher(p.label().equals("Sort Method") ? String.valueOf(p.value()) : "");
            if (p.value() == null) {
                bare.add(p.label());   // a line of KyroDB's own (a window's functions): no label to key it by
            } else if (sort.matches()) {
                m.put("Sort Method", sort.group(1));
                m.put("Sort Space Used", Long.parseLong(sort.group(3)));
                m.put("Sort Space Type", sort.group(2));
            } else {
                m.put(p.label(), p.value());
            }
        }
        if (!bare.isEmpty()) {
            m.put("Details", bare);
        }
        if (!s.children.isEmpty()) {
            List<Object> plans = new ArrayList<>();
            for (Explain.Shown c : s.children) {
                plans.add(plan(c, options));
            }
            m.put("Plans", plans);
        }
        return m;
    }

    // JSON: PostgreSQL's layout, two spaces per level, lists of strings on one line.

    static String json(Object value) {
        StringBuilder b = new StringBuilder();
        json(value, 0, b);
        return b.toString();
    }

    private static void json(Object value, int indent, StringBuilder b) {
        switch (value) {
            case Map<?, ?> m -> {
                b.append("{");
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
                    first = false;
                    quoteJson(String.valueOf(e.getKey()), b);
                    b.append(": ");
                    json(e.getValue(), indent + 1, b);
                }
                b.append(first ? "}" : "\n" + "  ".repeat(indent) + "}");
            }
            case List<?> l when l.stream().allMatch(x -> x instanceof String) -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    b.append(i == 0 ? "" : ", ");
                    quoteJson((String) l.get(i), b);
                }
                b.append(']');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    b.append(i == 0 ? "\n" : ",\n").append("  ".repeat(indent + 1));
                    json(l.get(i), indent + 1, b);
                }
                b.append("\n").append("  ".repeat(indent)).append(']');
            }
            case String s -> quoteJson(s, b);
            default -> b.append(value);
        }
    }

    private static void quoteJson(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    // YAML: "- Plan: " then the operator's fields; strings quoted, lists as "- item" lines.

    static String yaml(List<Object> document) {
        StringBuilder b = new StringBuilder();
        for (Object query : document) {
            yamlListItem(query, 0, b);
        }
        return b.toString().stripTrailing();
    }

    private static void yamlListItem(Object item, int indent, StringBuilder b) {
        String pad = "  ".repeat(indent);
        if (item instanceof Map<?, ?> m) {
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? pad + "- " : pad + "  ");
                first = false;
                yamlEntry(String.valueOf(e.getKey()), e.getValue(), indent + 1, b);
            }
            if (first) {
                b.append(pad).append("- {}\n");
            }
        } else {
            b.append(pad).append("- ");
            yamlScalar(item, b);
            b.append('\n');
        }
    }

    private static void yamlEntry(String key, Object value, int indent, StringBuilder b) {
        b.append(key).append(": ");
        String pad = "  ".repeat(indent);
        switch (value) {
            case Map<?, ?> m -> {
                b.append('\n');
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(pad).append("  ");
                    yamlEntry(String.valueOf(e.getKey()), e.getValue(), indent + 1, b);
                }
            }
            case List<?> l -> {
                b.append('\n');
                for (Object x : l) {
                    yamlListItem(x, indent + 1, b);
                }
            }
            default -> {
                yamlScalar(value, b);
                b.append('\n');
            }
        }
    }

    private static void yamlScalar(Object value, StringBuilder b) {
        if (value instanceof String s) {
            b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            b.append(value);
        }
    }

    // XML: PostgreSQL's namespace, labels with '-' for spaces, lists as <Item>s.

    static String xml(List<Object> document) {
        StringBuilder b = new StringBuilder("<explain xmlns=\"http://www.postgresql.org/2009/explain\">\n");
        for (Object query : document) {
            b.append("  <Query>\n");
            xmlFields((Map<?, ?>) query, 2, b);
            b.append("  </Query>\n");
        }
        return b.append("</explain>").toString();
    }

    private static void xmlFields(Map<?, ?> m, int indent, StringBuilder b) {
        String pad = "  ".repeat(indent);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String tag = String.valueOf(e.getKey()).replace(' ', '-');
            Object v = e.getValue();
            if (v instanceof Map<?, ?> inner) {
                b.append(pad).append('<').append(tag).append(">\n");
                xmlFields(inner, indent + 1, b);
                b.append(pad).append("</").append(tag).append(">\n");
            } else if (v instanceof List<?> l && tag.equals("Plans")) {
                b.append(pad).append("<Plans>\n");
                for (Object p : l) {
                    b.append(pad).append("  <Plan>\n");
                    xmlFields((Map<?, ?>) p, indent + 2, b);
                    b.append(pad).append("  </Plan>\n");
                }
                b.append(pad).append("</Plans>\n");
            } else if (v instanceof List<?> l) {
                if (l.isEmpty()) {
                    b.append(pad).append('<').append(tag).append(">\n").append(pad).append("</").append(tag).append(">\n");
                    continue;
                }
                b.append(pad).append('<').append(tag).append(">\n");
                for (Object x : l) {
                    b.append(pad).append("  <Item>").append(escapeXml(String.valueOf(x))).append("</Item>\n");
                }
                b.append(pad).append("</").append(tag).append(">\n");
            } else {
                b.append(pad).append('<').append(tag).append('>').append(escapeXml(String.valueOf(v)))
                        .append("</").append(tag).append(">\n");
            }
        }
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
