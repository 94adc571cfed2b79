package io.kyrodb.bench;

import java.util.List;

/**
 * What one workload measured on one engine, and how it had to run there.
 *
 * @param measurements figures, one report column each
 * @param tags         a few words for the table's notes column (e.g. {@code tx per batch})
 * @param notes        sentences printed under the table (e.g. why a fallback was needed)
 */
public record WorkloadResult(List<Measurement> measurements, List<String> tags, List<String> notes) {

    public WorkloadResult {
        measurements = List.copyOf(measurements);
        tags = List.copyOf(tags);
        notes = List.copyOf(notes);
    }
}
