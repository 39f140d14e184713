package dev.cutover.link.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaGateTest {
    @Test
    void schemasThatDifferOnlyInLayoutAreTheSame() {
        Schema compact =
                Schema.avro("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        Schema spaced = Schema.avro(
                "{ \"type\": \"record\",\n  \"name\": \"A\",\n  \"fields\": [ {\"name\": \"x\", \"type\": \"int\"} ] }");
        Schema other =
                Schema.avro("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}");

        assertThat(SchemaGate.sameSchema(compact, spaced)).isTrue();
        assertThat(SchemaGate.sameSchema(compact, other)).isFalse();
        assertThat(SchemaGate.sameSchema(compact, new Schema("JSON", compact.text(), List.of())))
                .as("another type")
                .isFalse();
        assertThat(SchemaGate.sameSchema(
                        new Schema("PROTOBUF", "syntax = \"proto3\";\nmessage A { int32 x = 1; }", List.of()),
                        new Schema("PROTOBUF", "syntax = \"proto3\"; message A {\n  int32 x = 1;\n}\n", List.of())))
                .isTrue();
        assertThat(SchemaGate.sameSchema(Schema.avro("not json {"), Schema.avro("not  json {")))
                .isFalse();
    }
}
