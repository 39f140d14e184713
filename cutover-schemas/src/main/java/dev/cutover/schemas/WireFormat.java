package dev.cutover.schemas;

import java.util.OptionalInt;

/**
 * Confluent's wire format, which Confluent's, Apicurio's (in its Confluent-compatible mode) and most other serializers
 * write: a magic byte 0, the schema's global id as a 4-byte big-endian integer, then the serialized data (for Protobuf,
 * message indexes first). Bytes that do not start that way carry no schema id. A record may still start with 0 by
 * chance; only a registry that knows the id tells the two apart.
 */
public final class WireFormat {
    public static final byte MAGIC = 0;
    public static final int HEADER_BYTES = 5;

    private WireFormat() {}

    /** The schema id these bytes carry, or empty when they are null, shorter than the header or not magic 0. */
    public static OptionalInt schemaId(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_BYTES || bytes[0] != MAGIC) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(
                ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff));
    }

    /** A copy of wire-format bytes with another schema id; everything after the header is the same. */
    public static byte[] withSchemaId(byte[] bytes, int id) {
        if (schemaId(bytes).isEmpty()) {
            throw new IllegalArgumentException("not in wire format: no magic byte 0 and 4-byte schema id");
        }
        byte[] copy = bytes.clone();
        copy[1] = (byte) (id >>> 24);
        copy[2] = (byte) (id >>> 16);
        copy[3] = (byte) (id >>> 8);
        copy[4] = (byte) id;
        return copy;
    }

    /** Wire-format bytes of a payload under a schema id. */
    public static byte[] encode(int id, byte[] payload) {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        out[0] = MAGIC;
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return withSchemaId(out, id);
    }
}
