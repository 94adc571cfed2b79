package io.kyrodb.vectors.lucene;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the shared Debian corpus ({@code debian-packages.jsonl.gz}: one flat JSON object of strings
 * a line) into packages; the text to embed is the title, a newline, and the description.
 */
record DebianPackages(List<DebianPackages.Pkg> packages) {
    record Pkg(String name, String section, String text) {
    }

    /** Every {@code stride}-th package from the first (all of them for 1). */
    static DebianPackages read(Path file, int stride) throws IOException {
        List<Pkg> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            int i = 0;
            while ((line = r.readLine()) != null) {
                if (i++ % stride != 0 || line.isBlank()) {
                    continue;
                }
                Map<String, String> o = parseObject(line);
                out.add(new Pkg(o.get("package"), o.get("section"), o.get("title") + "\n" + o.get("description")));
            }
        }
        return new DebianPackages(out);
    }

    /** A flat JSON object whose values are strings or null. */
    static Map<String, String> parseObject(String json) {
        Map<String, String> out = new HashMap<>();
        int[] at = {json.indexOf('{') + 1};
        while (true) {
            skip(json, at);
            if (json.charAt(at[0]) == '}') {
                return out;
            }
            String key = string(json, at);
            skip(json, at);
            at[0]++;   // ':'
            skip(json, at);
            String value = json.startsWith("null", at[0]) ? null : string(json, at);
            if (value == null) {
                at[0] += 4;
            }
            out.put(key, value);
            skip(json, at);
            if (json.charAt(at[0]) == ',') {
                at[0]++;
            }
        }
    }

    private static void skip(String s, int[] at) {
        while (Character.isWhitespace(s.charAt(at[0]))) {
            at[0]++;
        }
    }

    private static String string(String s, int[] at) {
        StringBuilder b = new StringBuilder();
        int i = at[0] + 1;   // after the opening quote
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                at[0] = i;
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
    }
}
