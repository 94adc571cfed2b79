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

    /** A block's rows count what they hold of their own: a shared string once, a process-wide integer not at all. */
    @Test
    void countsEachObjectTheRowsOwnOnce() {
        SharedValues shared = new SharedValues();
        long array = io.kyrodb.engine.types.HeapSize.array(4);
        long shipped = io.kyrodb.engine.types.HeapSize.of("shipped");
        long big = io.kyrodb.engine.types.HeapSize.of(1_000_000);
        long text = io.kyrodb.engine.types.HeapSize.of("y".repeat(40));
        shared.share(new Object[]{12, "shipped", 1_000_000, "y".repeat(40)});
        assertThat(shared.bytes()).isEqualTo(array + shipped + big + text);
        shared.share(new Object[]{12, "shipped", 1_000_001, "y".repeat(40)});
        assertThat(shared.bytes()).as("the second row: its array, its large integer, its long string")
                .isEqualTo(2 * array + shipped + 2 * big + 2 * text);
        shared.share(new Object[]{null, 5L, "open", 3.5});
        assertThat(shared.bytes()).isEqualTo(3 * array + shipped + 2 * big + 2 * text
                + io.kyrodb.engine.types.HeapSize.of(5L) + io.kyrodb.engine.types.HeapSize.of("open")
                + io.kyrodb.engine.types.HeapSize.of(3.5));
    }
}
