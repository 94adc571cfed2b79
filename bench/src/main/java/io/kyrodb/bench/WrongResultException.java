package io.kyrodb.bench;

/** An engine answered, but not with what was inserted: its figures must not be reported. */
public final class WrongResultException extends RuntimeException {

    public WrongResultException(String message) {
        super(message);
    }
}
