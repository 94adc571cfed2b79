package io.kyrodb.engine.fts;

/**
 * The language-specific part of a text search configuration: reduces a lower-cased word to its
 * stem. Implementations are found with {@link java.util.ServiceLoader} (the lucene-vectors module
 * provides Snowball's English stemmer); the engine has none of its own. {@link #stem} may be
 * called from several threads at once.
 */
public interface Stemmer {
    /** The configuration this stemmer serves, lower case: {@code english}. */
    String language();

    /** The stem of {@code word} (already lower case and not a stop word). */
    String stem(String word);
}
