package dev.cutover.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {
    @Test
    void schemasThatDifferOnlyInLayoutHaveTheSameContent() {
        Schema compact =
                Schema.avro("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        Schema spaced = Schema.avro(
                "{ \"type\": \"record\",\n  \"name\": \"A\",\n  \"fields\": [ {\"name\": \"x\", \"type\": \"int\"} ] }");
        Schema other =
                Schema.avro("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}");

        assertThat(compact.sameContent(spaced)).isTrue();
        assertThat(compact.canonicalText()).isEqualTo(spaced.canonicalText());
        assertThat(compact.sameContent(other)).isFalse();
        assertThat(compact.sameContent(new Schema("JSON", compact.text(), List.of())))
                .as("another type")
                .isFalse();
        assertThat(new Schema("PROTOBUF", "syntax = \"proto3\";\nmessage A { int32 x = 1; }", List.of())
                        .sameContent(new Schema(
                                "PROTOBUF", "syntax = \"proto3\"; message A {\n  int32 x = 1;\n}\n", List.of())))
                .isTrue();
        assertThat(Schema.avro("not json {").sameContent(Schema.avro("not  json {")))
                .as("text that does not parse is compared as it is")
                .isFalse();
    }
}
