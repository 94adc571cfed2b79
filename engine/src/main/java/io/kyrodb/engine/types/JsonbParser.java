package io.kyrodb.engine.types;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads JSON text (RFC 8259, as Postgres's json/jsonb input: no comments, no NaN, one value) into
 * a {@link Jsonb} tree with Jackson's streaming parser. Bad input fails with 22P02 and Jackson's
 * description of where; {@code \u0000} in a string with 22P05, as in Postgres.
 */
final class JsonbParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(6400).build())
            .build();

    private JsonbParser() {
    }

    static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw invalid(text, "The input string ended unexpectedly.");
            }
            Object root = value(p, first);
            if (p.nextToken() != null) {
                throw invalid(text, "Expected end of input, but found \"" + p.getText() + "\".");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw invalid(text, e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                TreeMap<String, Object> map = new TreeMap<>(Jsonb.KEY_ORDER);
                JsonToken n;
                while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = string(p);
                    map.put(key, value(p, p.nextToken()));   // a duplicate key: the last one wins
                }
                yield Collections.unmodifiableMap(map);
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, n));
                }
                yield Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> string(p);
            case VALUE_NUMBER_INT -> new BigDecimal(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> Jsonb.NULL;
            default -> throw new IOException("Token \"" + p.getText() + "\" is invalid.");
        };
    }

    private static String string(JsonParser p) throws IOException {
        String s = p.getText();
        if (s.indexOf('\0') >= 0) {
            throw new KyroException(SqlState.UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence: "
                    + "\\u0000 cannot be converted to text.");
        }
        return s;
    }

    private static KyroException invalid(String text, String detail) {
        return new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type json: \"" + Values.abbreviate(text) + "\" (" + detail + ")");
    }
}
