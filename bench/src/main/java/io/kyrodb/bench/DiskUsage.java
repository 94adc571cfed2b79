package io.kyrodb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a KyroDB database directory takes on disk, by part: {@code runs/} (the sorted runs),
 * {@code wal/} (the log behind the checkpoint) and everything (also {@code tmp/}, the checkpoint and
 * the lock). Sizes are the files' lengths added up ({@code du -sb}, apparent size): a file the
 * engine deleted while it was being walked counts as 0.
 */
public record DiskUsage(long runs, long wal, long total) {

    public static DiskUsage of(Path dir) {
        return new DiskUsage(size(dir.resolve("runs")), size(dir.resolve("wal")), size(dir));
    }

    /** Bytes in the regular files under {@code path}; 0 if it does not exist. */
    public static long size(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (NoSuchFileException e) {
                    return 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return size(path); // a directory vanished under the walk: look again
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + path + ": " + e.getMessage(), e);
        }
    }

    /** e.g. {@code 1,024.5 MB (runs 1,000.0 MB, wal 24.0 MB)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (runs %s, wal %s)", mb(total), mb(runs), mb(wal));
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }
}
