package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fts.TextSearch;
import io.kyrodb.engine.fts.TextSearchConfig;
import io.kyrodb.engine.fts.TsHeadline;
import io.kyrodb.engine.fts.TsMatcher;
import io.kyrodb.engine.fts.TsRank;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TsQuery;
import io.kyrodb.engine.types.TsVector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The full text search functions and operators (Postgres 15's): each takes its configuration name
 * as its first argument (the binder puts default_text_search_config there when the call has none).
 */
public enum TextSearchFunction implements Builtin {
    /** (config, text) */
    TO_TSVECTOR,
    /** (config, jsonb) */
    JSON_TO_TSVECTOR,
    TO_TSQUERY, PLAINTO_TSQUERY, PHRASETO_TSQUERY, WEBSEARCH_TO_TSQUERY,
    /** (weights real[] or null, tsvector, tsquery, normalization int) */
    TS_RANK, TS_RANK_CD,
    /** (config, document text, tsquery, options text) */
    TS_HEADLINE,
    /** (tsvector, tsquery) */
    MATCH,
    /** (config, text, tsquery): text @@ tsquery */
    TEXT_MATCH,
    /** (config, text, text): text @@ text, the right side read by plainto_tsquery */
    TEXT_TEXT_MATCH,
    /** (tsvector, weight text) and (tsvector, weight text, lexemes text[]) */
    SETWEIGHT, STRIP, LENGTH, NUMNODE, QUERYTREE,
    TSVECTOR_CONCAT, TSQUERY_AND, TSQUERY_OR, TSQUERY_NOT,
    /** (tsquery, tsquery, distance int) */
    TSQUERY_PHRASE,
    ARRAY_TO_TSVECTOR, TSVECTOR_TO_ARRAY,
    /** (tsvector, lexeme text or text[]) */
    TS_DELETE;

    /** ts_rank, ts_rank_cd and ts_headline take NULL for their defaults (weights, options); a NULL document or query is NULL. */
    @Override
    public boolean strict() {
        return this != TS_RANK && this != TS_RANK_CD && this != TS_HEADLINE;
    }

    @Override
    public Object apply(Object[] a, SqlType type) {
        if (!strict()) {
            int required = this == TS_HEADLINE ? 3 : 4;
            for (int i = this == TS_HEADLINE ? 0 : 1; i < required; i++) {
                if (a[i] == null) {
                    return null;
                }
            }
        }
        return switch (this) {
            case TO_TSVECTOR -> TextSearch.toTsVector(config(a[0]), (String) a[1]);
            case JSON_TO_TSVECTOR -> TextSearch.toTsVector(config(a[0]), (Jsonb) a[1]);
            case TO_TSQUERY -> TextSearch.toTsQuery(config(a[0]), (String) a[1]);
            case PLAINTO_TSQUERY -> TextSearch.plainToTsQuery(config(a[0]), (String) a[1]);
            case PHRASETO_TSQUERY -> TextSearch.phraseToTsQuery(config(a[0]), (String) a[1]);
            case WEBSEARCH_TO_TSQUERY -> TextSearch.websearchToTsQuery(config(a[0]), (String) a[1]);
            case TS_RANK, TS_RANK_CD -> {
                float[] w = TsRank.weights(a[0] == null ? null : ((SqlArray) a[0]).elements());
                int method = ((Number) a[3]).intValue();
                yield this == TS_RANK ? TsRank.rank(w, (TsVector) a[1], (TsQuery) a[2], method)
                        : TsRank.rankCd(w, (TsVector) a[1], (TsQuery) a[2], method);
            }
            case TS_HEADLINE -> TsHeadline.headline(config(a[0]), (String) a[1], (TsQuery) a[2], (String) a[3]);
            case MATCH -> TsMatcher.matches((TsVector) a[0], (TsQuery) a[1]);
            case TEXT_MATCH -> TsMatcher.matches(TextSearch.toTsVector(config(a[0]), (String) a[1]), (TsQuery) a[2]);
            case TEXT_TEXT_MATCH -> {
                TextSearchConfig c = config(a[0]);
                yield TsMatcher.matches(TextSearch.toTsVector(c, (String) a[1]), TextSearch.plainToTsQuery(c, (String) a[2]));
            }
            case SETWEIGHT -> {
                int w = weight((String) a[1]);
                Set<String> only = null;
                if (a.length > 2) {
                    only = new HashSet<>();
                    for (Object o : ((SqlArray) a[2]).elements()) {
                        if (o == null) {
                            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "lexeme array may not contain nulls");
                        }
                        only.add((String) o);
                    }
                }
                yield ((TsVector) a[0]).setWeight(w, only);
            }
            case STRIP -> ((TsVector) a[0]).strip();
            case LENGTH -> ((TsVector) a[0]).size();
            case NUMNODE -> ((TsQuery) a[0]).nodeCount();
            case QUERYTREE -> ((TsQuery) a[0]).indexableTree();
            case TSVECTOR_CONCAT -> ((TsVector) a[0]).concat((TsVector) a[1]);
            case TSQUERY_AND -> combine((TsQuery) a[0], (TsQuery) a[1], 0, 0);
            case TSQUERY_OR -> combine((TsQuery) a[0], (TsQuery) a[1], 1, 0);
            case TSQUERY_PHRASE -> {
                int d = ((Number) a[2]).intValue();
                if (d < 0 || d > TsQuery.MAX_DISTANCE) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                            "distance in phrase operator must be an integer value between zero and " + TsQuery.MAX_DISTANCE
                                    + " inclusive");
                }
                yield combine((TsQuery) a[0], (TsQuery) a[1], 2, d);
            }
            case TSQUERY_NOT -> {
                TsQuery q = (TsQuery) a[0];
                yield q.isEmpty() ? q : TsQuery.of(new TsQuery.Not(q.root()));
            }
            case ARRAY_TO_TSVECTOR -> {
                List<String> words = new ArrayList<>();
                List<int[]> pos = new ArrayList<>();
                for (Object o : ((SqlArray) a[0]).elements()) {
                    if (o == null) {
                        throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "lexeme array may not contain nulls");
                    }
                    if (((String) o).isEmpty()) {
                        throw new KyroException(SqlState.ZERO_LENGTH_CHARACTER_STRING, "lexeme array may not contain empty strings");
                    }
                    words.add((String) o);
                    pos.add(new int[0]);
                }
                yield TsVector.of(words, pos);
            }
            case TSVECTOR_TO_ARRAY -> {
                TsVector v = (TsVector) a[0];
                Object[] out = new Object[v.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = v.lexeme(i);
                }
                yield SqlArray.of(out);
            }
            case TS_DELETE -> {
                TsVector v = (TsVector) a[0];
                Set<String> drop = new HashSet<>();
                if (a[1] instanceof SqlArray arr) {
                    for (Object o : arr.elements()) {
                        if (o != null) {
                            drop.add((String) o);
                        }
                    }
                } else {
                    drop.add((String) a[1]);
                }
                List<String> words = new ArrayList<>();
                List<int[]> pos = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    if (!drop.contains(v.lexeme(i))) {
                        words.add(v.lexeme(i));
                        pos.add(v.positions(i));
                    }
                }
                yield TsVector.of(words, pos);
            }
        };
    }

    private static TextSearchConfig config(Object name) {
        return TextSearchConfig.named((String) name);
    }

    /** setweight's weight letter: A, B, C or D (any case); XX000 as Postgres otherwise. */
    private static int weight(String w) {
        if (w.length() == 1) {
            switch (Character.toUpperCase(w.charAt(0))) {
                case 'A': return 3;
                case 'B': return 2;
                case 'C': return 1;
                case 'D': return 0;
                default: break;
            }
        }
        throw new KyroException(SqlState.INTERNAL_ERROR, "unrecognized weight: " + (w.isEmpty() ? 0 : (int) w.charAt(0)));
    }

    /** {@code a && b}, {@code a || b}, {@code tsquery_phrase}: an empty side gives the other side, as Postgres. */
    private static TsQuery combine(TsQuery a, TsQuery b, int op, int distance) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return TsQuery.of(switch (op) {
            case 0 -> new TsQuery.And(a.root(), b.root());
            case 1 -> new TsQuery.Or(a.root(), b.root());
            default -> new TsQuery.Phrase(a.root(), b.root(), distance);
        });
    }
}
