package io.kyrodb.tck.slt;

/** What running one record gave: passed, failed (with why) or skipped (with why). */
public record RecordOutcome(Status status, String message, Throwable cause) {

    public enum Status { PASSED, FAILED, SKIPPED }

    static final RecordOutcome PASSED = new RecordOutcome(Status.PASSED, "", null);

    static RecordOutcome failed(String message) {
        return new RecordOutcome(Status.FAILED, message, null);
    }

    static RecordOutcome failed(String message, Throwable cause) {
        return new RecordOutcome(Status.FAILED, message, cause);
    }

    static RecordOutcome skipped(String reason) {
        return new RecordOutcome(Status.SKIPPED, reason, null);
    }
}
