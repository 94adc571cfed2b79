package io.kyrodb.engine.util;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * An iterator over what a supplier returns until it returns null (then never asked again): the
 * shape of every filtered or bounded walk over a cursor. The supplier runs when the caller asks
 * for the next element, not ahead of it.
 */
public final class UntilNull<T> implements Iterator<T> {
    private final Supplier<T> nextOrNull;
    private T next;
    private boolean fetched;

    private UntilNull(Supplier<T> nextOrNull) {
        this.nextOrNull = nextOrNull;
    }

    public static <T> Iterator<T> of(Supplier<T> nextOrNull) {
        return new UntilNull<>(nextOrNull);
    }

    @Override
    public boolean hasNext() {
        if (!fetched) {
            next = nextOrNull.get();
            fetched = true;
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        fetched = false;
        return next;
    }
}
