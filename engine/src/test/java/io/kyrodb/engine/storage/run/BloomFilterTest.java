package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.storage.codec.KeyCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BloomFilterTest {

    @Test
    void neverForgetsAKeyAndRarelyClaimsAMissingOne() {
        BloomFilter.Builder b = new BloomFilter.Builder();
        for (long k = 0; k < 100_000; k += 2) {
            b.add(KeyCodec.encode(k));
        }
        BloomFilter f = b.build();
        int falsePositives = 0;
        for (long k = 0; k < 100_000; k++) {
            boolean might = f.mightContain(KeyCodec.encode(k));
            if (k % 2 == 0) {
                assertThat(might).as("key %d was added", k).isTrue();
            } else if (might) {
                falsePositives++;
            }
        }
        assertThat(falsePositives).as("false positives among 50,000 absent keys").isLessThan(1000); // 2%; ~0.8% expected
    }

    @Test
    void roundTripsAndRejectsImpossibleHeaders() {
        BloomFilter.Builder b = new BloomFilter.Builder();
        b.add(KeyCodec.encode("x"));
        ByteWriter out = new ByteWriter();
        b.build().writeTo(out);
        BloomFilter back = BloomFilter.read(new ByteReader(out.toByteArray()));
        assertThat(back.mightContain(KeyCodec.encode("x"))).isTrue();

        byte[] bad = out.toByteArray();
        bad[0] = 0; // zero probes
        assertThatThrownBy(() -> BloomFilter.read(new ByteReader(bad))).isInstanceOf(FormatException.class)
                .hasMessageContaining("probes");
        byte[] tooLong = out.toByteArray();
        tooLong[1] = 0x7F; // word count far beyond the bytes
        assertThatThrownBy(() -> BloomFilter.read(new ByteReader(tooLong))).isInstanceOf(FormatException.class)
                .hasMessageContaining("words");
    }
}
