package dev.cutover.inventory.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Flattens a JSON document into settings at any depth, with each value's line (same paths as YAML). */
final class JsonFlattener {
    /** Comments and trailing commas are common in hand-kept JSON config (tsconfig-style); accept them. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private JsonFlattener() {}

    static List<Setting> read(String text) throws UnparseableFileException {
        List<Setting> settings = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != null) {
                value(parser, "", settings);
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
            throw new UnparseableFileException(line, "malformed JSON: " + withoutQuotedText(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UnparseableFileException(
                    0, "cannot read JSON: " + e.getClass().getSimpleName());
        }
        return settings;
    }

    private static void value(JsonParser parser, String path, List<Setting> out) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                value(parser, KeyNames.join(path, KeyNames.segment(name)), out);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                boolean container = parser.currentToken().isStructStart();
                value(parser, container ? path + "[" + i + "]" : path, out);
                i++;
            }
        } else if (token != JsonToken.VALUE_NULL) {
            out.add(new Setting(
                    path, parser.getText(), parser.currentTokenLocation().getLineNr()));
        }
    }

    /** Parser messages quote the offending token, which may be a secret: drop quoted text. */
    static String withoutQuotedText(String message) {
        if (message == null) {
            return "unknown problem";
        }
        return message.replaceAll("'[^']*'", "'…'")
                .replaceAll("\"[^\"]*\"", "\"…\"")
                .lines()
                .findFirst()
                .orElse("");
    }
}
