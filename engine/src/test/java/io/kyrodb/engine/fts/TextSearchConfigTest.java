package io.kyrodb.engine.fts;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.types.TsQuery;
import io.kyrodb.engine.types.TsVector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine without a stemmer on its class path (the engine module's own tests: lucene-vectors is
 * not there): {@code simple} works, {@code english} does not exist (42704) rather than indexing
 * unstemmed words; and the stored forms of tsvector and tsquery read back equal.
 */
class TextSearchConfigTest {
    @Test
    void simpleWorksWithoutAStemmer() {
        TsVector v = TextSearch.toTsVector(TextSearchConfig.named("pg_catalog.simple"), "The Fat cats, the fat rats");
        assertThat(v.toString()).isEqualTo("'cats':3 'fat':2,5 'rats':6 'the':1,4");
    }

    @Test
    void englishNeedsItsStemmer() {
        assertThatThrownBy(() -> TextSearchConfig.named("english"))
                .isInstanceOf(KyroException.class)
                .satisfies(e -> assertThat(((KyroException) e).state()).isEqualTo(SqlState.UNDEFINED_OBJECT))
                .hasMessageContaining("text search configuration \"english\" does not exist");
    }

    @Test
    void storedFormsReadBack() {
        TsVector v = TsVector.parse("'a b':1A,3 c 'it''s':2C,16383");
        TsQuery q = TsQuery.parse("!( a:*AB & b ) <3> 'c d' | e");
        ByteWriter out = new ByteWriter();
        ValueCodec.write(out, v);
        ValueCodec.write(out, q);
        ByteReader in = new ByteReader(out.toByteArray());
        assertThat(ValueCodec.read(in)).isEqualTo(v);
        assertThat(ValueCodec.read(in)).isEqualTo(q);
    }
}
