package io.kyrodb.engine.types.jsonpath;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Jsonb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The jsonpath text form: what {@link JsonPath#toString} prints parses back to the same path (a
 * stored jsonpath is its canonical text), and running it gives the same items. The expected
 * canonical texts and results themselves are checked against PostgreSQL in jsonpath.test.
 */
class JsonPathTest {
    private static final Jsonb DOC = Jsonb.parse(
            "{\"a\": [1, 2.50, {\"b\": \"xy\", \"c\": null}], \"d\": {\"e\": [true, false]}, \"k y\": -3}");

    @ParameterizedTest
    @ValueSource(strings = {
        "$", "strict $.a", "lax $.a[*]", "$.a[0 to last, 1]", "$.**{1 to last}.b", "$.** ? (@.type() == \"string\")",
        "$.a[*] ? (@ > 1 && @ < 3 || !(@ == 2.50))", "$.a[*] ? ((@ > 1) is unknown)", "$.\"k y\" * -2 + 1 - 3 / 4 % 5",
        "-$.a[0]", "-(1).a", "$.a[*].b starts with \"x\"", "$.a ? (@ like_regex \"^x.\" flag \"iq\")",
        "$.d.* ? (exists (@[*] ? (@ == true)))", "$.a.size() + $.d.keyvalue().size()", "1 - (2 - 3)", "(1 - 2) - 3",
        "$.a[last - 1].double().floor().ceiling().abs()", "$x.a == $\"y z\"", "\"str\\n\\\"q\\\"\"", "null", "true"
    })
    void canonicalTextParsesBackToTheSamePath(String text) {
        JsonPath p = JsonPath.parse(text);
        JsonPath again = JsonPath.parse(p.toString());
        assertThat(again).isEqualTo(p);
        assertThat(again.toString()).isEqualTo(p.toString());
        Jsonb vars = Jsonb.parse("{\"x\": {\"a\": 1}, \"y z\": 1}");
        List<Object> items = runOrError(p, vars);
        assertThat(runOrError(again, vars)).isEqualTo(items);
    }

    private static List<Object> runOrError(JsonPath p, Jsonb vars) {
        try {
            return p.query(DOC, vars);
        } catch (JsonPathException e) {
            return List.of("error " + e.state().code());
        }
    }

    @Test
    void laxUnwrapsWhereStrictReportsTheStructure() {
        assertThat(JsonPath.parse("lax $.a.b").query(DOC, null)).containsExactly("xy");
        assertThatThrownBy(() -> JsonPath.parse("strict $.a.b").query(DOC, null))
                .isInstanceOf(JsonPathException.class)
                .satisfies(e -> assertThat(((KyroException) e).state()).isEqualTo(SqlState.SQL_JSON_MEMBER_NOT_FOUND));
    }

    @Test
    void aMissingVariableIsNotSilenced() {
        assertThatThrownBy(() -> JsonPath.parse("$ ? (@ == $nope)").query(DOC, Jsonb.parse("{}")))
                .isInstanceOf(KyroException.class).isNotInstanceOf(JsonPathException.class)
                .hasMessageContaining("could not find jsonpath variable \"nope\"");
    }

    @Test
    void deepNestingIsASyntaxErrorNotAStackOverflow() {
        assertThatThrownBy(() -> JsonPath.parse("(".repeat(5000) + "1" + ")".repeat(5000)))
                .isInstanceOf(KyroException.class).hasMessageContaining("deeper than 200 levels")
                .satisfies(e -> assertThat(((KyroException) e).state()).isEqualTo(SqlState.SYNTAX_ERROR));
        assertThatThrownBy(() -> JsonPath.parse("-".repeat(5000) + "$"))
                .isInstanceOf(KyroException.class).hasMessageContaining("deeper than 200 levels");
        assertThat(JsonPath.parse("(".repeat(150) + "1" + ")".repeat(150)).toString()).isEqualTo("1");
    }
}
