package io.kyrodb.sql.ast;

import java.util.List;

/**
 * A type as written: its words joined by single spaces and lower-cased ({@code double precision},
 * {@code character varying}) and its numeric arguments ({@code varchar(20)} has {@code [20]}). The
 * engine decides what it means.
 */
public record TypeName(Pos pos, String name, List<Integer> arguments) {
    @Override
    public String toString() {
        if (arguments.isEmpty()) {
            return name;
        }
        return name + "(" + String.join(",", arguments.stream().map(String::valueOf).toList()) + ")";
    }
}
