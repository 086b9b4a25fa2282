package org.lnsim.network.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Streams the records of the top-level arrays of a JSON object file ({@code {"channels": [...]}},
 * {@code {"nodes": [...], "edges": [...]}}) with Jackson's parser, one element at a time, so that million-record
 * dumps load in constant memory; fields of the top-level object other than the named arrays are skipped.
 *
 * <p>Every failure inside a record — a Jackson parse error, a wrong type, or an {@link IllegalArgumentException}
 * thrown by the visitor — becomes a {@link NetworkFormatException} located as {@code record i (array[i])} with the
 * JSON line, the one error format of lnsim's JSON importers. Anything after the top-level object (a second document,
 * junk) is an error, not ignored.
 */
final class JsonRecords {
    /** Receives one array element; the parser stands on the element's {@code START_OBJECT}. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param array  the array's name
         * @param index  the element's position in it
         * @param line   the JSON line the element starts on
         */
        void record(String array, int index, int line, JsonParser p) throws IOException;
    }

    private JsonRecords() {
    }

    /**
     * Reads {@code file}, visiting every element of the arrays named in {@code arrays} in file order.
     *
     * @param arrays   array name → what one element is, for messages ("channel direction" gives "an object per
     *                 channel direction expected")
     * @param required an array that must be present, or null
     */
    static void read(Path file, ReadProgress progress, Map<String, String> arrays, String required, Visitor visitor)
            throws IOException {
        String array = null;
        int record = -1;
        int recordLine = -1;
        boolean found = false;
        try (InputStream in = Inputs.open(file, progress); JsonParser p = JsonValues.FACTORY.createParser(in)) {
            p.nextToken();
            JsonValues.expect(p, JsonToken.START_OBJECT, "a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                String element = arrays.get(name);
                if (element == null) {
                    p.skipChildren();
                    continue;
                }
                JsonValues.expect(p, JsonToken.START_ARRAY, "'" + name + "' array");
                found |= name.equals(required);
                array = name;
                record = -1;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    record++;
                    recordLine = JsonValues.line(p);
                    JsonValues.expect(p, JsonToken.START_OBJECT, "an object per " + element);
                    visitor.record(name, record, recordLine, p);
                }
                record = -1;
            }
            int endLine = JsonValues.line(p);
            JsonToken after;
            try {
                after = p.nextToken();
            } catch (JsonProcessingException junk) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                // a second document or junk after the object would otherwise be ignored (issue 21, defect 9)
                throw new NetworkFormatException(file, "after line " + endLine,
                        "trailing data after the JSON document");
            }
        } catch (NetworkFormatException ex) {
            throw ex;
        } catch (IOException | IllegalArgumentException ex) {
            int line = recordLine;
            if (ex instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
                line = jpe.getLocation().getLineNr();
            }
            String where = record < 0 ? null : "record " + record + " (" + array + "[" + record + "])";
            throw JsonValues.failure(file, where, line, ex);
        }
        if (required != null && !found) {
            throw new NetworkFormatException(file, null, "no '" + required + "' array");
        }
    }
}
