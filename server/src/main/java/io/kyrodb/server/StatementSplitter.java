package io.kyrodb.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at each {@code ;} that is outside a single-quoted string, a
 * dollar-quoted string ({@code $$...$$}, {@code $tag$...$tag$}: a function's body), a double-quoted
 * identifier, a {@code --} comment and a {@code /* *}{@code /} comment. Text arrives in
 * pieces (a line at a time, or a whole pasted block) and a statement may span many of them; the
 * splitter remembers where it is in between, which also tells the interactive prompt what is open.
 *
 * <p>The lexical rules are the grammar's (KyroSql.g4): quotes are escaped by doubling them, there
 * are no backslash escapes and block comments do not nest. A returned statement starts at its first
 * token (leading blanks and comments are dropped), keeps any comments inside it and loses the
 * {@code ;}; a statement that holds nothing but blanks and comments is dropped.
 *
 * <p>Not thread-safe: one splitter belongs to one input.
 */
final class StatementSplitter {

    /** What the end of the text seen so far is inside of. */
    enum State {
        /** Plain SQL (or between statements). */
        NORMAL,
        /** Inside {@code '...'}. */
        SINGLE_QUOTE,
        /** Inside {@code "..."}. */
        DOUBLE_QUOTE,
        /** Inside {@code /* ... *}{@code /}. */
        BLOCK_COMMENT,
        /** Inside {@code -- ...}, up to the end of the line. */
        LINE_COMMENT,
        /** Inside a dollar-quoted string, up to its tag again. */
        DOLLAR_QUOTE
    }

    private final StringBuilder text = new StringBuilder();
    /** Index in {@link #text} of the next character to look at. */
    private int scan;
    /** Index in {@link #text} of the current statement's first token, or -1 before it. */
    private int start = -1;
    private State state = State.NORMAL;
    /** In {@link State#DOLLAR_QUOTE}: the opening tag ({@code $$} or {@code $tag$}) that closes it. */
    private String dollarTag;

    /** Adds a piece of text and returns the statements it completes, in order (often none). */
    List<String> feed(CharSequence piece) {
        text.append(piece);
        List<String> done = new ArrayList<>();
        int length = text.length();
        while (scan < length) {
            char c = text.charAt(scan);
            boolean last = scan + 1 == length;
            if (last && startsTwoCharToken(c)) break; // decide when the next piece comes
            char next = last ? 0 : text.charAt(scan + 1);
            if (state == State.DOLLAR_QUOTE) {
                int tagEnd = scan + dollarTag.length();
                if (c == '$' && tagEnd <= length && text.substring(scan, tagEnd).equals(dollarTag)) {
                    state = State.NORMAL;
                    scan = tagEnd;
                    continue;
                }
                if (c == '$' && tagEnd > length && dollarTag.startsWith(text.substring(scan))) {
                    break;   // the closing tag may end in the next piece
                }
                scan++;
                continue;
            }
            if (state == State.NORMAL && c == '$' && !(scan > 0 && isIdentifierPart(text.charAt(scan - 1)))) {
                int end = scan + 1;   // $tag$: a tag is an identifier without $, or nothing; $1 is a parameter
                while (end < length && isIdentifierPart(text.charAt(end)) && text.charAt(end) != '$'
                        && !(end == scan + 1 && Character.isDigit(text.charAt(end)))) {
                    end++;
                }
                if (end == length) break;   // decide when the next piece comes
                if (text.charAt(end) == '$') {
                    if (start < 0) start = scan;
                    dollarTag = text.substring(scan, end + 1);
                    state = State.DOLLAR_QUOTE;
                    scan = end + 1;
                    continue;
                }
            }
            switch (state) {
                // A doubled quote leaves the string and enters it again at once: the same effect.
                case SINGLE_QUOTE -> state = c == '\'' ? State.NORMAL : state;
                case DOUBLE_QUOTE -> state = c == '"' ? State.NORMAL : state;
                case LINE_COMMENT -> state = c == '\n' || c == '\r' ? State.NORMAL : state;
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        state = State.NORMAL;
                        scan++;
                    }
                }
                case NORMAL -> {
                    if (c == ';') {
                        if (start >= 0) done.add(text.substring(start, scan).strip());
                        start = -1;
                    } else if (c == '-' && next == '-') {
                        state = State.LINE_COMMENT;
                        scan++;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        scan++;
                    } else if (!Character.isWhitespace(c)) {
                        if (start < 0) start = scan;
                        if (c == '\'') state = State.SINGLE_QUOTE;
                        else if (c == '"') state = State.DOUBLE_QUOTE;
                    }
                }
            }
            scan++;
        }
        // Text before the current statement (returned statements, blanks, comments) is done with.
        int keep = start >= 0 ? start : scan;
        text.delete(0, keep);
        scan -= keep;
        if (start >= 0) start = 0;
        return done;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Whether {@code c} may begin {@code --}, {@code /*} or end a block comment, in this state. */
    private boolean startsTwoCharToken(char c) {
        return switch (state) {
            case NORMAL -> c == '-' || c == '/';
            case BLOCK_COMMENT -> c == '*';
            default -> false;
        };
    }

    /**
     * Ends the input: returns the unterminated last statement, if there is one (psql runs it too),
     * and resets the splitter. An unclosed string or comment is left for the engine to report.
     */
    String finish() {
        if (start < 0 && state == State.NORMAL && scan < text.length()) start = scan; // a lone - or /
        String last = start >= 0 ? text.substring(start).strip() : null;
        reset();
        return last;
    }

    /** Whether a statement has begun and not yet ended. */
    boolean inStatement() {
        return start >= 0;
    }

    /** Whether nothing is open: no statement has begun and no quote or block comment is open. */
    boolean isIdle() {
        return start < 0 && (state == State.NORMAL || state == State.LINE_COMMENT);
    }

    State state() {
        return state;
    }

    /** Forgets everything pending (Ctrl-C in the interactive shell). */
    void reset() {
        text.setLength(0);
        scan = 0;
        start = -1;
        state = State.NORMAL;
        dollarTag = null;
    }
}
