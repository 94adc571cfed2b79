package io.kyrodb.engine.fts;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.util.CaseMapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A text search configuration: the {@link TextParser}'s tokens mapped to lexemes. {@code simple}
 * lower-cases every word; {@code english} drops Postgres's English stop words and stems words with
 * the {@link Stemmer} for {@code english} (numbers, e-mails, URLs, hosts and words with digits go
 * through the simple dictionary, as in Postgres's english configuration). Names may carry the
 * {@code pg_catalog.} schema. A configuration whose stemmer is not on the class path does not
 * exist (42704), rather than silently indexing unstemmed words.
 */
public final class TextSearchConfig {
    /** Postgres's MAXSTRLEN: longer words are skipped (with a notice, in Postgres). */
    private static final int MAX_WORD_BYTES = 2047;
    private static final Map<String, TextSearchConfig> CONFIGS = new ConcurrentHashMap<>();
    private static volatile Map<String, Stemmer> stemmers;

    private final String name;
    private final Stemmer stemmer;
    private final Set<String> stopWords;

    private TextSearchConfig(String name, Stemmer stemmer, Set<String> stopWords) {
        this.name = name;
        this.stemmer = stemmer;
        this.stopWords = stopWords;
    }

    /** The configuration called {@code name} (optionally {@code pg_catalog.}-qualified, any case); 42704 if none. */
    public static TextSearchConfig named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.startsWith("pg_catalog.")) {
            key = key.substring("pg_catalog.".length());
        }
        String k = key;
        TextSearchConfig c = CONFIGS.get(k);
        if (c != null) {
            return c;
        }
        c = switch (k) {
            case "simple" -> new TextSearchConfig("simple", null, Set.of());
            default -> {
                Stemmer s = stemmers().get(k);
                if (s == null) {
                    throw new KyroException(SqlState.UNDEFINED_OBJECT, "text search configuration \"" + name
                            + "\" does not exist" + (k.equals("english")
                            ? " (its Snowball stemmer comes with the kyrodb-lucene-vectors module, which is not on the class path)" : ""));
                }
                yield new TextSearchConfig(k, s, stopWords(k));
            }
        };
        CONFIGS.put(k, c);
        return c;
    }

    public String name() {
        return name;
    }

    private static Map<String, Stemmer> stemmers() {
        Map<String, Stemmer> m = stemmers;
        if (m == null) {
            Map<String, Stemmer> found = new ConcurrentHashMap<>();
            for (Stemmer s : ServiceLoader.load(Stemmer.class, TextSearchConfig.class.getClassLoader())) {
                found.putIfAbsent(s.language().toLowerCase(Locale.ROOT), s);
            }
            stemmers = m = found;
        }
        return m;
    }

    private static Set<String> stopWords(String language) {
        var in = TextSearchConfig.class.getResourceAsStream(language + ".stop");
        if (in == null) {
            return Set.of();
        }
        Set<String> words = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(line);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }

    /** One lexeme and the position it got (stop words take a position and leave no lexeme). */
    public record Lexeme(String word, int pos) {
    }

    /**
     * The lexemes of {@code text}, positions counted from {@code startPos} + 1 (Postgres's
     * parsetext): every indexed token takes the next position, stop words included.
     */
    public int lexize(String text, int startPos, List<Lexeme> out) {
        int pos = startPos;
        for (TextParser.Token t : TextParser.tokens(text)) {
            if (!t.type().indexed()) {
                continue;
            }
            if (t.text().getBytes(StandardCharsets.UTF_8).length > MAX_WORD_BYTES) {
                continue;
            }
            pos++;
            String w = normalize(t);
            if (w != null) {
                out.add(new Lexeme(w, pos));
            }
        }
        return pos;
    }

    /** The lexeme of one token, or null for a stop word. */
    String normalize(TextParser.Token t) {
        String lower = CaseMapping.lower(t.text());   // per code point, as PostgreSQL's parser
        if (stemmer == null || !t.type().stemmed()) {
            return lower;
        }
        if (stopWords.contains(lower)) {
            return null;
        }
        return stemmer.stem(lower);
    }
}
