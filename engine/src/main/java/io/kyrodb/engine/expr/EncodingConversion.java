package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Bytes;
import io.kyrodb.engine.types.SqlType;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.UnmappableCharacterException;
import java.util.Locale;
import java.util.Map;

/**
 * convert_to(text, encoding) -> bytea and convert_from(bytea, encoding) -> text, with PostgreSQL's
 * encoding names (UTF8, LATIN1..LATIN10, WIN1250..WIN1258, SQL_ASCII, KOI8R, EUC_JP, SJIS, GBK, BIG5,
 * UHC, EUC_KR; case and punctuation ignored): 22023 for an unknown name, 22021 for bytes that are
 * not valid in the encoding, 22P05 for a character the encoding cannot hold.
 */
public record EncodingConversion(boolean toBytes) implements Builtin {
    private static final Map<String, String> CHARSETS = Map.ofEntries(
            Map.entry("UTF8", "UTF-8"), Map.entry("UNICODE", "UTF-8"), Map.entry("SQLASCII", "US-ASCII"),
            Map.entry("LATIN1", "ISO-8859-1"), Map.entry("LATIN2", "ISO-8859-2"), Map.entry("LATIN3", "ISO-8859-3"),
            Map.entry("LATIN4", "ISO-8859-4"), Map.entry("LATIN5", "ISO-8859-9"), Map.entry("LATIN6", "ISO-8859-10"),
            Map.entry("LATIN7", "ISO-8859-13"), Map.entry("LATIN8", "ISO-8859-14"), Map.entry("LATIN9", "ISO-8859-15"),
            Map.entry("LATIN10", "ISO-8859-16"), Map.entry("WIN1250", "windows-1250"), Map.entry("WIN1251", "windows-1251"),
            Map.entry("WIN1252", "windows-1252"), Map.entry("WIN1253", "windows-1253"), Map.entry("WIN1254", "windows-1254"),
            Map.entry("WIN1255", "windows-1255"), Map.entry("WIN1256", "windows-1256"), Map.entry("WIN1257", "windows-1257"),
            Map.entry("WIN1258", "windows-1258"), Map.entry("KOI8R", "KOI8-R"), Map.entry("KOI8U", "KOI8-U"),
            Map.entry("EUCJP", "EUC-JP"), Map.entry("SJIS", "Shift_JIS"), Map.entry("GBK", "GBK"),
            Map.entry("BIG5", "Big5"), Map.entry("UHC", "x-windows-949"), Map.entry("EUCKR", "EUC-KR"),
            Map.entry("ISO88595", "ISO-8859-5"), Map.entry("ISO88596", "ISO-8859-6"), Map.entry("ISO88597", "ISO-8859-7"),
            Map.entry("ISO88598", "ISO-8859-8"), Map.entry("GB18030", "GB18030"));

    @Override
    public Object apply(Object[] args, SqlType resultType) {
        String name = (String) args[1];
        String key = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String java = CHARSETS.get(key);
        if (java == null || !Charset.isSupported(java)) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid " + (toBytes ? "destination" : "source")
                    + " encoding name \"" + name + "\"");
        }
        String pgName = pgName(key);
        Charset charset = Charset.forName(java);
        return toBytes ? encode((String) args[0], charset, pgName) : decode((Bytes) args[0], charset, pgName);
    }

    private static String pgName(String key) {
        return switch (key) {
            case "UNICODE" -> "UTF8";
            case "SQLASCII" -> "SQL_ASCII";
            case "EUCJP" -> "EUC_JP";
            case "EUCKR" -> "EUC_KR";
            default -> key;
        };
    }

    private static Bytes encode(String text, Charset charset, String pgName) {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer out = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return Bytes.wrap(bytes);
        } catch (UnmappableCharacterException e) {
            String c = new String(Character.toChars(text.codePointAt(firstUnmappable(text, encoder))));
            throw new KyroException(SqlState.UNTRANSLATABLE_CHARACTER, "character with byte sequence "
                    + hex(c.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + " in encoding \"UTF8\" has no equivalent in encoding \""
                    + pgName + "\"");
        } catch (CharacterCodingException e) {
            throw new KyroException(SqlState.UNTRANSLATABLE_CHARACTER, "text cannot be encoded in \"" + pgName + "\"");
        }
    }

    private static int firstUnmappable(String text, CharsetEncoder encoder) {
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (!encoder.canEncode(new String(Character.toChars(text.codePointAt(i))))) {
                return i;
            }
        }
        return 0;
    }

    private static String decode(Bytes bytes, Charset charset, String pgName) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] data = bytes.toByteArray();
        try {
            String s = decoder.decode(ByteBuffer.wrap(data)).toString();
            if (s.indexOf('\0') >= 0) {
                throw new KyroException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \""
                        + pgName + "\": 0x00");
            }
            return s;
        } catch (MalformedInputException | UnmappableCharacterException e) {
            int at = firstBad(data, charset);
            throw new KyroException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \""
                    + pgName + "\": " + hex(new byte[] {data[Math.min(at, data.length - 1)]}));
        } catch (CharacterCodingException e) {
            throw new KyroException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \""
                    + pgName + "\"");
        }
    }

    /** The offset of the first byte a decoder refuses. */
    private static int firstBad(byte[] data, Charset charset) {
        CharsetDecoder d = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length * 2 + 2);
        d.decode(in, out, true);
        return in.position();
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder("0x");
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }
}
