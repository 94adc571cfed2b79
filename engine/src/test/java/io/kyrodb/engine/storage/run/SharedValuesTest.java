package io.kyrodb.engine.storage.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows decoded for the cache share equal small integers and short strings; other values are kept as they are. */
class SharedValuesTest {
    @Test
    @SuppressWarnings({"deprecation", "removal"})
    void equalSmallValuesBecomeOneInstance() {
        SharedValues shared = new SharedValues();
        Object[] a = shared.share(new Object[]{new Integer(300), new String("shipped"), new Integer(1_000_000), null,
                new String("x".repeat(40)), 7L});
        Object[] b = shared.share(new Object[]{new Integer(300), new String("shipped"), new Integer(1_000_000), null,
                new String("x".repeat(40)), 7L});
        assertThat(a).isEqualTo(b);
        assertThat(b[0]).isSameAs(a[0]);
        assertThat(b[1]).isSameAs(a[1]);
        assertThat(b[2]).as("a large integer is kept").isNotSameAs(a[2]);
        assertThat(b[4]).as("a long string is kept").isNotSameAs(a[4]);
        assertThat(b[3]).isNull();
        Object[] c = new SharedValues().share(new Object[]{new Integer(300), new String("shipped")});
        assertThat(c[0]).as("integers: shared across blocks").isSameAs(a[0]);
        assertThat(c[1]).as("strings: shared within a block").isNotSameAs(a[1]).isEqualTo(a[1]);
    }
}
