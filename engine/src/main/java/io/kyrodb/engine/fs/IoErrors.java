package io.kyrodb.engine.fs;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.io.IOException;
import java.util.Locale;

/** Turns an {@link IOException} into the {@link KyroException} a user sees. */
public final class IoErrors {
    /** What {@link FaultInjectingFileSystem} says when it simulates a full disk (the Linux text). */
    public static final String NO_SPACE_MESSAGE = "No space left on device";

    private IoErrors() {
    }

    /**
     * {@code 53100 DISK_FULL} if the exception (or a cause) says the disk is full, otherwise
     * {@code 58030 IO_ERROR}. The message is {@code action: reason}, e.g.
     * {@code could not sync WAL segment wal/0000000000000001.wal: Input/output error}.
     */
    public static KyroException toKyro(IOException e, String action) {
        SqlState state = isDiskFull(e) ? SqlState.DISK_FULL : SqlState.IO_ERROR;
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new KyroException(state, action + ": " + reason, e);
    }

    /** Recognizes ENOSPC (Linux, macOS) and ERROR_DISK_FULL (Windows) by their message. */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left on device")
                        || lower.contains("not enough space on the disk")
                        || lower.contains("disk quota exceeded")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
