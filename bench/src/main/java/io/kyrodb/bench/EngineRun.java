package io.kyrodb.bench;

import java.util.List;

/**
 * Everything the report shows for one engine.
 *
 * @param engine       name in the report, e.g. {@code SQLite}
 * @param version      product and driver versions from {@code DatabaseMetaData}, or empty if the
 *                     engine could not be opened
 * @param durability   how commits were made durable, read back from the engine where possible
 * @param measurements figures in workload order
 * @param tags         short words for the notes column
 * @param notes        longer notes, printed under the table
 * @param failure      why the engine has no (or only some) figures, or {@code null}
 */
public record EngineRun(String engine, String version, String durability, List<Measurement> measurements,
                        List<String> tags, List<String> notes, String failure) {

    public EngineRun {
        measurements = List.copyOf(measurements);
        tags = List.copyOf(tags);
        notes = List.copyOf(notes);
    }

    public boolean failed() {
        return failure != null;
    }
}
