package io.kyrodb.tck.slt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the sqllogictest format of FORMAT.wiki into {@link SltRecord}s.
 *
 * <p>A record is a run of non-blank lines; lines starting with {@code #} are comments, removed
 * before anything else (so they neither end a record nor reach the SQL). Control and header lines
 * may end in a {@code # comment}; SQL and result lines are taken as they are. Our additions:
 * {@code statement error <SQLSTATE>}, {@code restart} and {@code connection NAME}. Anything else is a syntax error, so a typo
 * in a script fails loudly instead of being skipped.
 */
public final class SltParser {

    private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");
    private static final Pattern TYPES = Pattern.compile("[ITR]+");

    private SltParser() {
    }

    public static SltScript parse(String name, String text) throws SltSyntaxException {
        String[] lines = text.split("\n", -1);
        List<SltRecord> records = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (strip(lines[i]).isBlank()) {
                i++;
                continue;
            }
            // Collect one block: non-blank lines, comments dropped, each with its 1-based number.
            List<String> block = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            while (i < lines.length && !strip(lines[i]).isBlank()) {
                String line = strip(lines[i]);
                if (!line.startsWith("#")) {
                    block.add(line);
                    numbers.add(i + 1);
                }
                i++;
            }
            if (!block.isEmpty()) {
                records.add(parseRecord(name, block, numbers));
            }
        }
        return new SltScript(name, records);
    }

    private static SltRecord parseRecord(String file, List<String> block, List<Integer> numbers)
            throws SltSyntaxException {
        int startLine = numbers.get(0);
        List<Condition> conditions = new ArrayList<>();
        int at = 0;
        while (at < block.size()) {
            String[] words = words(block.get(at));
            if (!words[0].equals("skipif") && !words[0].equals("onlyif")) {
                break;
            }
            if (words.length != 2) {
                throw new SltSyntaxException(file, numbers.get(at), "expected '" + words[0] + " <engine>'");
            }
            conditions.add(new Condition(words[0].equals("onlyif"), words[1]));
            at++;
        }
        if (at == block.size()) {
            throw new SltSyntaxException(file, startLine, "conditions not followed by a record");
        }
        int headerLine = numbers.get(at);
        String[] header = words(block.get(at));
        List<String> body = block.subList(at + 1, block.size());
        return switch (header[0]) {
            case "statement" -> statement(file, headerLine, startLine, conditions, header, body);
            case "query" -> query(file, headerLine, startLine, conditions, header, body);
            case "hash-threshold" -> {
                noBody(file, headerLine, header[0], body);
                if (header.length != 2 || !header[1].matches("\\d{1,9}")) {
                    throw new SltSyntaxException(file, headerLine, "expected 'hash-threshold <count>'");
                }
                yield new SltRecord.HashThreshold(startLine, conditions, Integer.parseInt(header[1]));
            }
            case "halt" -> {
                noArguments(file, headerLine, header);
                noBody(file, headerLine, header[0], body);
                yield new SltRecord.Halt(startLine, conditions);
            }
            case "restart" -> {
                noArguments(file, headerLine, header);
                noBody(file, headerLine, header[0], body);
                yield new SltRecord.Restart(startLine, conditions);
            }
            case "connection" -> {
                if (header.length != 2) {
                    throw new SltSyntaxException(file, headerLine, "connection takes one name: connection NAME");
                }
                noBody(file, headerLine, header[0], body);
                yield new SltRecord.Connection(startLine, conditions, header[1]);
            }
            default -> throw new SltSyntaxException(file, headerLine, "unknown record '" + header[0]
                    + "' (expected statement, query, hash-threshold, halt, restart, connection)");
        };
    }

    private static SltRecord statement(String file, int headerLine, int startLine, List<Condition> conditions,
                                       String[] header, List<String> body) throws SltSyntaxException {
        boolean error;
        String sqlState = null;
        if (header.length == 2 && header[1].equals("ok")) {
            error = false;
        } else if (header.length >= 2 && header.length <= 3 && header[1].equals("error")) {
            error = true;
            if (header.length == 3) {
                sqlState = header[2];
                if (!SQLSTATE.matcher(sqlState).matches()) {
                    throw new SltSyntaxException(file, headerLine,
                            "'" + sqlState + "' is not a SQLSTATE (five digits or capital letters)");
                }
            }
        } else {
            throw new SltSyntaxException(file, headerLine, "expected 'statement ok', 'statement error' or 'statement error <SQLSTATE>'");
        }
        if (body.isEmpty()) {
            throw new SltSyntaxException(file, headerLine, "statement without SQL");
        }
        if (body.contains("----")) {
            throw new SltSyntaxException(file, headerLine, "a statement has no result section ('----')");
        }
        return new SltRecord.Statement(startLine, conditions, error, sqlState, String.join("\n", body));
    }

    private static SltRecord query(String file, int headerLine, int startLine, List<Condition> conditions,
                                   String[] header, List<String> body) throws SltSyntaxException {
        if (header.length < 2 || header.length > 4 || !TYPES.matcher(header[1]).matches()) {
            throw new SltSyntaxException(file, headerLine,
                    "expected 'query <types> [nosort|rowsort|valuesort] [label]' with types of I, T and R");
        }
        SortMode sortMode = SortMode.NOSORT;
        String label = null;
        if (header.length >= 3) {
            SortMode named = SortMode.named(header[2]);
            if (named == null) {
                throw new SltSyntaxException(file, headerLine,
                        "unknown sort mode '" + header[2] + "' (expected nosort, rowsort or valuesort)");
            }
            sortMode = named;
        }
        if (header.length == 4) {
            label = header[3];
        }
        int separator = body.indexOf("----");
        List<String> sqlLines = separator < 0 ? body : body.subList(0, separator);
        List<String> expected = separator < 0 ? List.of() : List.copyOf(body.subList(separator + 1, body.size()));
        if (sqlLines.isEmpty()) {
            throw new SltSyntaxException(file, headerLine, "query without SQL");
        }
        return new SltRecord.Query(startLine, conditions, header[1], sortMode, label,
                String.join("\n", sqlLines), expected);
    }

    private static void noArguments(String file, int line, String[] header) throws SltSyntaxException {
        if (header.length != 1) {
            throw new SltSyntaxException(file, line, "'" + header[0] + "' takes no arguments");
        }
    }

    private static void noBody(String file, int line, String what, List<String> body) throws SltSyntaxException {
        if (!body.isEmpty()) {
            throw new SltSyntaxException(file, line, "'" + what + "' must stand alone; separate the next record with a blank line");
        }
    }

    /** The words of a control or header line, without a trailing {@code # comment}. */
    private static String[] words(String line) {
        int hash = line.indexOf(" #");
        String content = hash < 0 ? line : line.substring(0, hash);
        String trimmed = content.strip();
        return trimmed.isEmpty() ? new String[] {""} : trimmed.split("\\s+");
    }

    /** The line without a trailing carriage return (files written on Windows). */
    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
