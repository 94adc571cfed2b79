package io.kyrodb.tck.slt;

/** A script that does not follow the sqllogictest format; the message names file and line. */
public final class SltSyntaxException extends Exception {

    public SltSyntaxException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
