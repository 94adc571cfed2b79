package io.kyrodb.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Walks command-line options for {@link BigTableOptions} and {@link RecoveryOptions}: each option
 * takes its value as the next argument or after {@code =} ({@code --rows 2000}, {@code --rows=2000}).
 * Errors are {@link IllegalArgumentException}s with a message for the user.
 */
final class Args {

    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");
    private static final Pattern SETTING = Pattern.compile("[a-z_]+=[^;]*");

    private final String[] args;
    private int i = -1;
    private String option;
    private String inline;

    Args(String[] args) {
        this.args = args;
    }

    /** Moves to the next option; false at the end. */
    boolean next() {
        if (++i >= args.length) {
            return false;
        }
        option = args[i];
        inline = null;
        int eq = option.indexOf('=');
        if (option.startsWith("--") && eq > 0) {
            inline = option.substring(eq + 1);
            option = option.substring(0, eq);
        }
        return true;
    }

    String option() {
        return option;
    }

    String value() {
        if (inline != null) {
            return inline;
        }
        if (++i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    IllegalArgumentException unknown() {
        return new IllegalArgumentException("unknown option '" + args[i] + "'");
    }

    long number() {
        String v = value();
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + v + "'");
        }
    }

    long positiveLong(long max) {
        long n = number();
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(option + " must be between 1 and " + max + ", not " + n);
        }
        return n;
    }

    int positiveInt() {
        return (int) positiveLong(Integer.MAX_VALUE);
    }

    int nonNegativeInt() {
        long n = number();
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be between 0 and " + Integer.MAX_VALUE + ", not " + n);
        }
        return (int) n;
    }

    /** Decimal seconds, at least 0. */
    double seconds() {
        String v = value();
        try {
            double s = new BigDecimal(v.strip()).doubleValue();
            if (s < 0) {
                throw new IllegalArgumentException(option + " must be at least 0 seconds, not " + v);
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number of seconds, not '" + v + "'");
        }
    }

    /** A -Xmx value: digits and an optional k, m or g. */
    String heap() {
        String v = value().strip();
        if (!HEAP.matcher(v).matches()) {
            throw new IllegalArgumentException(option + " needs a heap size such as 512m or 2g, not '" + v + "'");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /** An engine setting {@code key=value} for the JDBC URL. */
    String setting() {
        String v = value().strip();
        if (!SETTING.matcher(v).matches()) {
            throw new IllegalArgumentException(option + " needs key=value (a KyroDB setting, no ';'), not '" + v + "'");
        }
        return v;
    }

    /** {@code jdbc:kyro:file:<dir>;k=v;...}. */
    static String url(Path dir, List<String> settings) {
        StringBuilder url = new StringBuilder("jdbc:kyro:file:").append(dir.toAbsolutePath());
        for (String s : settings) {
            url.append(';').append(s);
        }
        return url.toString();
    }
}
