package io.kyrodb.engine.fts;

import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.TsQuery;
import io.kyrodb.engine.types.TsQuery.Node;
import io.kyrodb.engine.types.TsVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The document and query constructors: to_tsvector (text and json), to_tsquery, plainto_tsquery,
 * phraseto_tsquery, websearch_to_tsquery, with Postgres's rules for how a text's lexemes become
 * query operands (pushval_morph: the lexemes of one operand joined by the phrase operator, or by
 * AND for plainto_tsquery, stop words leaving gaps that widen the phrase distance).
 */
public final class TextSearch {
    private TextSearch() {
    }

    public static TsVector toTsVector(TextSearchConfig cfg, String text) {
        List<TextSearchConfig.Lexeme> lex = new ArrayList<>();
        cfg.lexize(text, 0, lex);
        return vector(lex);
    }

    /** The string values of a json document, in document order, one position apart from each other (Postgres's gap). */
    public static TsVector toTsVector(TextSearchConfig cfg, Jsonb doc) {
        List<TextSearchConfig.Lexeme> lex = new ArrayList<>();
        int[] pos = {0};
        strings(doc.root(), s -> {
            pos[0] = cfg.lexize(s, pos[0], lex) + 1;
        });
        return vector(lex);
    }

    private static void strings(Object v, java.util.function.Consumer<String> out) {
        switch (v) {
            case String s -> out.accept(s);
            case List<?> l -> l.forEach(x -> strings(x, out));
            case Map<?, ?> m -> m.values().forEach(x -> strings(x, out));
            case null, default -> { }
        }
    }

    private static TsVector vector(List<TextSearchConfig.Lexeme> lex) {
        List<String> words = new ArrayList<>(lex.size());
        List<int[]> pos = new ArrayList<>(lex.size());
        for (TextSearchConfig.Lexeme l : lex) {
            words.add(l.word());
            pos.add(new int[]{TsVector.encode(l.pos(), 0)});
        }
        return TsVector.of(words, pos);
    }

    /** to_tsquery: the query syntax, each operand normalized by {@code cfg}. */
    public static TsQuery toTsQuery(TextSearchConfig cfg, String text) {
        return TsQuery.parse(text, o -> morph(cfg, o.lexeme(), o.weights(), o.prefix(), true));
    }

    /** plainto_tsquery: the whole text's lexemes joined by AND. */
    public static TsQuery plainToTsQuery(TextSearchConfig cfg, String text) {
        return TsQuery.of(TsQuery.Stopwords.clean(morph(cfg, text, 0, false, false)));
    }

    /** phraseto_tsquery: the whole text's lexemes joined by the phrase operator, stop words widening it. */
    public static TsQuery phraseToTsQuery(TextSearchConfig cfg, String text) {
        return TsQuery.of(TsQuery.Stopwords.clean(morph(cfg, text, 0, false, true)));
    }

    public static TsQuery websearchToTsQuery(TextSearchConfig cfg, String text) {
        return TsQuery.of(TsQuery.Stopwords.clean(WebSearch.parse(text, w -> morph(cfg, w, 0, false, true))));
    }

    /**
     * One operand's text as query nodes (Postgres's pushval_morph); a text with no lexemes is the
     * stop-word placeholder, as are the gaps stop words leave between lexemes.
     */
    static Node morph(TextSearchConfig cfg, String text, int weights, boolean prefix, boolean phrase) {
        List<TextSearchConfig.Lexeme> lex = new ArrayList<>();
        cfg.lexize(text, 0, lex);
        if (lex.isEmpty()) {
            return TsQuery.Stopwords.STOP;
        }
        Node acc = null;
        int pos = 0;
        for (TextSearchConfig.Lexeme l : lex) {
            if (pos > 0 && pos + 1 < l.pos()) {
                while (pos + 1 < l.pos()) {
                    acc = join(acc, TsQuery.Stopwords.STOP, phrase);
                    pos++;
                }
            }
            pos = l.pos();
            acc = join(acc, new TsQuery.Operand(l.word(), weights, prefix), phrase);
        }
        return acc;
    }

    private static Node join(Node acc, Node next, boolean phrase) {
        if (acc == null) {
            return next;
        }
        return phrase ? new TsQuery.Phrase(acc, next, 1) : new TsQuery.And(acc, next);
    }
}
