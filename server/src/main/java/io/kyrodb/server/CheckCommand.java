package io.kyrodb.server;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.Checker;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kyro check DIR}: verifies every checksum and invariant of a database directory that no
 * process has open, and lists each problem with its file and offset ({@link Checker}).
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = KyroCommand.Version.class,
        description = "Verifies every checksum and invariant of a database directory (checkpoint, runs, WAL) "
                + "and reports problems with file and offset. The database must not be open elsewhere.",
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  no errors (notes, such as leftover files the next open deletes, may be printed)",
            "  1  errors were found",
            "  2  the directory could not be checked (not a database, or in use)",
        })
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    private KyroCommand kyro;

    @Parameters(paramLabel = "DIR", description = "the database directory")
    private Path dir;

    @Override
    public Integer call() {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(kyro.streams.out(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(kyro.streams.err(), StandardCharsets.UTF_8), true);
        Checker.Report report;
        try {
            report = Checker.check(LocalFileSystem.INSTANCE, dir);
        } catch (KyroException e) {
            err.println("ERROR " + e.state().code() + ": " + e.getMessage());
            return 2;
        }
        for (Checker.Finding f : report.findings()) {
            (f.error() ? err : out).println(f);
        }
        out.println(dir + ": " + report.runs() + " runs, " + report.entries() + " row versions, "
                + report.walRecords() + " WAL records checked; "
                + (report.ok() ? "no errors" : report.findings().stream().filter(Checker.Finding::error).count() + " errors"));
        return report.ok() ? 0 : 1;
    }
}
