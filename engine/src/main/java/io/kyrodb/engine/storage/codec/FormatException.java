package io.kyrodb.engine.storage.codec;

/**
 * Bytes that do not follow their format: a short read, an impossible length, an unknown tag.
 * {@code offset} is where in the decoded buffer it was found; readers of files add the file and
 * the buffer's own offset and report it as XX001.
 */
public final class FormatException extends RuntimeException {
    private final long offset;

    public FormatException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
