package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.IoErrors;
import io.kyrodb.engine.fs.TempSpace;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spill files one statement has open. Operators close their files as soon as they are done;
 * {@link #close()}, called when the statement ends however it ends, closes and deletes the rest.
 * Used by the statement's thread only.
 */
public final class SpillFiles implements AutoCloseable {
    private final TempSpace space;
    private Set<SpillFile> open;   // created with the first file: most statements never spill

    public SpillFiles(TempSpace space) {
        this.space = space;
    }

    /** A new spill file with its header written; {@code purpose} names it ({@code sort-17.spill}). */
    SpillFile create(String purpose) {
        FileHandle handle;
        try {
            handle = space.create(purpose);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not create a spill file for " + purpose);
        }
        SpillFile file = new SpillFile(this, space.fileSystem(), handle);
        if (open == null) {
            open = new LinkedHashSet<>();
        }
        open.add(file);
        try {
            file.writeHeader();
        } catch (RuntimeException e) {
            closeAfterFailure(file, e);
            throw e;
        }
        return file;
    }

    /** How many files are open (tests). */
    int openCount() {
        return open == null ? 0 : open.size();
    }

    void released(SpillFile file) {
        if (open != null) {
            open.remove(file);
        }
    }

    /** Closes {@code file} while a failure is already on its way up, keeping that failure. */
    static void closeAfterFailure(AutoCloseable file, Throwable failure) {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** Closes and deletes every file still open; the first failure is thrown once all were tried. */
    @Override
    public void close() {
        if (open == null || open.isEmpty()) {
            return;
        }
        KyroException first = null;
        for (SpillFile f : List.copyOf(open)) {
            try {
                f.close();
            } catch (KyroException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
