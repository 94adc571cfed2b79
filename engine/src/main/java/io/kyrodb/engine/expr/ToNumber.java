package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;

import java.math.BigDecimal;

/**
 * to_number(text, format) -> numeric: reads the digits, the decimal point (the format's D or '.')
 * and the sign ('-' anywhere, a trailing S/MI sign, or angle brackets/parentheses for PR) of the
 * text, skipping group separators, currency symbols and spaces as PostgreSQL's formatting does;
 * the scale is the number of fraction digits read. 22P02 when the text holds no digit.
 */
public record ToNumber() implements Builtin {
    @Override
    public Object apply(Object[] args, SqlType resultType) {
        String text = (String) args[0];
        String format = ((String) args[1]).toUpperCase(java.util.Locale.ROOT);
        boolean decimalPoint = format.contains("D") || format.contains(".");
        StringBuilder digits = new StringBuilder();
        int scale = 0;
        boolean fraction = false;
        boolean negative = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                if (fraction) {
                    scale++;
                }
            } else if (c == '.' && decimalPoint && !fraction) {
                fraction = true;
            } else if (c == '-' || c == '<' || c == '(') {
                negative = true;
            }
        }
        if (digits.isEmpty()) {
            throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type numeric: \" \"");
        }
        BigDecimal v = new BigDecimal(new java.math.BigInteger(digits.toString()), scale);
        return negative ? v.negate() : v;
    }
}
