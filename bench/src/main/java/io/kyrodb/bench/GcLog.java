package io.kyrodb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A summary of a JVM's {@code -Xlog:gc} file: its pauses, the heap before and after each, and how
 * many were full collections. Pauses caused by {@code System.gc()} are left out: they are the
 * bench's own live-heap measurements, not the program's. Lines look like
 * {@code [1.234s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 5.123ms}.
 *
 * @param pauses        pauses with heap figures
 * @param fullPauses    of them, full collections ({@code Pause Full})
 * @param pauseMillis   their total time
 * @param maxBefore     the most heap in use before a pause, in bytes
 * @param maxAfter      the most heap in use after a pause, in bytes (after a young pause this includes
 *                      the old generation's garbage)
 * @param maxAfterFull  the most heap in use after a full pause (what was live then), -1 if none
 * @param evacuationFailures pauses that ran out of room to copy survivors (G1 "Evacuation Failure")
 * @param outOfMemory   whether the log mentions an OutOfMemoryError
 */
public record GcLog(int pauses, int fullPauses, double pauseMillis, long maxBefore, long maxAfter, long maxAfterFull,
                    int evacuationFailures, boolean outOfMemory) {

    private static final Pattern PAUSE = Pattern.compile(
            "GC\\(\\d+\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms");

    public static GcLog read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static GcLog parse(List<String> lines) {
        int pauses = 0;
        int full = 0;
        double millis = 0;
        long before = 0;
        long after = 0;
        long afterFull = -1;
        int evacuationFailures = 0;
        boolean oom = false;
        for (String line : lines) {
            oom |= line.contains("OutOfMemoryError");
            Matcher m = PAUSE.matcher(line);
            if (!m.find() || m.group(1).contains("System.gc()")) {
                continue;   // System.gc(): a measurement's (HeapWatch.live), not the program's
            }
            pauses++;
            if (m.group(1).startsWith("Pause Full")) {
                full++;
                afterFull = Math.max(afterFull, bytes(m.group(4), m.group(5)));
            }
            if (m.group(1).contains("Evacuation Failure")) {
                evacuationFailures++;
            }
            before = Math.max(before, bytes(m.group(2), m.group(3)));
            after = Math.max(after, bytes(m.group(4), m.group(5)));
            millis += Double.parseDouble(m.group(8));
        }
        return new GcLog(pauses, full, millis, before, after, afterFull, evacuationFailures, oom);
    }

    private static long bytes(String n, String unit) {
        int shift = switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        };
        return Long.parseLong(n) << shift;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d pauses (%d full, %d with evacuation failures), %,.0f ms in all; heap"
                        + " before a pause at most %s, after a pause at most %s, after a full pause at most %s", pauses,
                fullPauses, evacuationFailures, pauseMillis, mib(maxBefore), mib(maxAfter),
                maxAfterFull < 0 ? "- (none)" : mib(maxAfterFull));
    }

    /** {@code 512 MiB}, or {@code 256 KiB} below a MiB. */
    static String mib(long bytes) {
        if (bytes < 1 << 20) {
            return String.format(Locale.ROOT, "%,d KiB", bytes >> 10);
        }
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }
}
