package org.lnsim.network.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Typed reads from a streaming {@link JsonParser} positioned on a value, for the JSON importers. Dumps spell
 * numbers as JSON numbers, as decimal strings (lnd's uint64 fields) or as {@code "1000msat"} strings (Core Lightning
 * since 0.7); all three are accepted where an integer is expected. A value of the wrong type raises
 * {@link IllegalArgumentException} naming the field, which the importer wraps with the file and record.
 */
final class JsonValues {
    /** Shared factory; Jackson factories are thread-safe once configured. */
    static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** Returned by {@link #integer} for a JSON {@code null}. */
    static final long NULL = Long.MIN_VALUE;

    private JsonValues() {
    }

    /** An integer field: number, decimal string or {@code "<n>msat"} string; {@link #NULL} for null. */
    static long integer(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new IllegalArgumentException("field '" + field + "' is too large: " + p.getText());
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            long v = parseDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (v == NULL) {
                throw new IllegalArgumentException("field '" + field + "' is not an integer: '" + p.getText() + "'");
            }
            return v;
        }
        if (t == JsonToken.VALUE_NULL) {
            return NULL;
        }
        throw new IllegalArgumentException("field '" + field + "' must be an integer, got " + describe(p));
    }

    /**
     * Parses {@code [-]digits[msat]} (surrounding blanks allowed) from a character range without creating a string;
     * returns {@link #NULL} when the text is not such a number or overflows a long.
     */
    static long parseDecimal(char[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && buf[i] == ' ') {
            i++;
        }
        while (end > i && buf[end - 1] == ' ') {
            end--;
        }
        if (end - i >= 4 && buf[end - 4] == 'm' && buf[end - 3] == 's' && buf[end - 2] == 'a' && buf[end - 1] == 't') {
            end -= 4;
        }
        boolean negative = i < end && buf[i] == '-';
        if (negative) {
            i++;
        }
        if (i == end) {
            return NULL;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return NULL;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /** A string field; {@code null} for JSON null. */
    static String text(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new IllegalArgumentException("field '" + field + "' must be a string, got " + describe(p));
    }

    /** A boolean field: 1 true, 0 false, -1 null. */
    static int bool(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return 1;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return 0;
        }
        if (t == JsonToken.VALUE_NULL) {
            return -1;
        }
        throw new IllegalArgumentException("field '" + field + "' must be true or false, got " + describe(p));
    }

    /** Requires the current token to be {@code expected}. */
    static void expect(JsonParser p, JsonToken expected, String what) throws IOException {
        if (p.currentToken() != expected) {
            throw new IllegalArgumentException(what + " expected, got " + describe(p));
        }
    }

    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "end of input";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "string '" + p.getText() + "'";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "number " + p.getText();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return p.getText();
            case VALUE_NULL:
                return "null";
            default:
                return t.toString();
        }
    }

    /** Line of the parser's current token, or -1. */
    static int line(JsonParser p) {
        JsonLocation loc = p.currentTokenLocation();
        return loc == null ? -1 : loc.getLineNr();
    }

    /**
     * Translates a low-level failure while reading {@code file} into a {@link NetworkFormatException}: truncated
     * JSON or gzip, malformed JSON, or a value error from this class.
     *
     * @param where record description such as {@code "record 3 (channels[3])"}, or null before the first record
     */
    static NetworkFormatException failure(Path file, String where, int line, Exception e) {
        String loc = where == null ? (line > 0 ? "line " + line : null)
                : (line > 0 ? where + " at line " + line : where);
        if (e instanceof JsonEOFException || e instanceof EOFException) {
            return new NetworkFormatException(file, loc, "truncated file (unexpected end of input)", e);
        }
        if (e instanceof ZipException) {
            return new NetworkFormatException(file, loc, "corrupt gzip data: " + e.getMessage(), e);
        }
        if (e instanceof JsonProcessingException) {
            return new NetworkFormatException(file, loc, "malformed JSON: "
                    + ((JsonProcessingException) e).getOriginalMessage(), e);
        }
        return new NetworkFormatException(file, loc, e.getMessage(), e);
    }

    /**
     * Content sniffing for {@link NetworkReader#probe}: whether {@code path} holds a JSON object with one of
     * {@code arrays}' keys whose value is an array of objects, the first of which has one of the listed element keys.
     * Fields before it are skipped; an empty listed array decides nothing by itself: the next listed array decides, and
     * if none follows the empty one counts as a match. The file's {@code head} decides in nearly every case; when it
     * ends before a decision (leading whitespace, a long first field, deep nesting before the arrays: issue 21,
     * defect 10) the file is streamed until one is made. A file cut inside the first listed array is a match, so that
     * its reader reports the truncation with its location.
     */
    static boolean sniff(Path path, byte[] head, java.util.Map<String, java.util.List<String>> arrays) {
        Boolean decided;
        try (JsonParser p = FACTORY.createParser(head)) {
            decided = decide(p, arrays);
        } catch (IOException e) {
            return false;
        }
        if (decided != null) {
            return decided;
        }
        if (head.length < Inputs.HEAD_BYTES) {
            return false; // the head was the whole file: it ends before it says what it is
        }
        try (java.io.InputStream in = Inputs.openLenient(path); JsonParser p = FACTORY.createParser(in)) {
            decided = decide(p, arrays);
            return decided != null && decided;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@link #sniff}'s decision on a parser, or null when the input ends before one. */
    private static Boolean decide(JsonParser p, java.util.Map<String, java.util.List<String>> arrays)
            throws IOException {
        try {
            JsonToken start = p.nextToken();
            if (start == null) {
                return null;
            }
            if (start != JsonToken.START_OBJECT) {
                return false;
            }
            boolean empty = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                java.util.List<String> keys = arrays.get(p.currentName());
                JsonToken v = p.nextToken();
                if (keys == null) {
                    p.skipChildren();
                    continue;
                }
                if (v != JsonToken.START_ARRAY) {
                    return v == null ? null : false;
                }
                JsonToken first;
                try {
                    first = p.nextToken();
                } catch (JsonEOFException e) {
                    return true;
                }
                if (first == null) {
                    return true;
                }
                if (first == JsonToken.END_ARRAY) {
                    empty = true;
                    continue;
                }
                if (first != JsonToken.START_OBJECT) {
                    return false;
                }
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    if (keys.contains(p.currentName())) {
                        return true;
                    }
                    p.nextToken();
                    p.skipChildren();
                }
                return t == null ? null : false;
            }
            return t == null && !empty ? null : empty;
        } catch (JsonEOFException e) {
            return null;
        }
    }
}
