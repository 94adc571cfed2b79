package io.kyrodb.vectors.lucene;

import io.kyrodb.engine.fts.Stemmer;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The english text search configuration's stemmer: Snowball's English (Porter2) algorithm, the one
 * Postgres's english_stem dictionary runs, as generated for Lucene. A Snowball program keeps its
 * state in the instance, so each thread has its own.
 */
public final class SnowballEnglishStemmer implements Stemmer {
    private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);

    @Override
    public String language() {
        return "english";
    }

    @Override
    public String stem(String word) {
        EnglishStemmer s = STEMMER.get();
        s.setCurrent(word);
        s.stem();
        return s.getCurrent();
    }
}
