package io.kyrodb.tck.slt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reviewed list of scripts that may fail for now: one {@code path  # reason} per line, where path
 * is the script's name as the runner reports it. Blank lines and lines starting with {@code #} are
 * ignored. A listed script still runs and its failures are counted, but they do not fail the build;
 * a listed script that passes completely fails the build until it is removed, so the list only shrinks.
 */
public final class ExpectedFailures {

    private final Map<String, String> reasons;

    private ExpectedFailures(Map<String, String> reasons) {
        this.reasons = Collections.unmodifiableMap(reasons);
    }

    public static ExpectedFailures parse(String listName, String text) throws SltSyntaxException {
        Map<String, String> reasons = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int hash = line.indexOf('#');
            String path = hash < 0 ? line : line.substring(0, hash).strip();
            String reason = hash < 0 ? "" : line.substring(hash + 1).strip();
            if (path.isEmpty() || path.contains(" ") || reason.isEmpty()) {
                throw new SltSyntaxException(listName, i + 1, "expected 'path  # reason'");
            }
            if (reasons.putIfAbsent(path, reason) != null) {
                throw new SltSyntaxException(listName, i + 1, path + " is listed twice");
            }
        }
        return new ExpectedFailures(reasons);
    }

    public boolean lists(String scriptName) {
        return reasons.containsKey(scriptName);
    }

    public String reason(String scriptName) {
        return reasons.get(scriptName);
    }

    /** Listed path to reason, in file order. */
    public Map<String, String> entries() {
        return reasons;
    }
}
