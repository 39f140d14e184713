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

    /**
     * The schema id these bytes carry, or empty when they are null, shorter than the header, not magic 0, or carry an id
     * no registry assigns: registries number schemas from 1 and ids are positive, so 0 (a big-endian long below 2^32
     * starts with five zero bytes) and the negative range are not schema ids.
     */
    public static OptionalInt schemaId(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_BYTES || bytes[0] != MAGIC) {
            return OptionalInt.empty();
        }
        int id = ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
        return id > 0 ? OptionalInt.of(id) : OptionalInt.empty();
    }

    /** A copy of wire-format bytes with another schema id; everything after the header is the same. */
    public static byte[] withSchemaId(byte[] bytes, int id) {
        if (schemaId(bytes).isEmpty()) {
            throw new IllegalArgumentException("not in wire format: no magic byte 0 and 4-byte schema id");
        }
        byte[] copy = bytes.clone();
        put(copy, id);
        return copy;
    }

    /** Wire-format bytes of a payload under a schema id. */
    public static byte[] encode(int id, byte[] payload) {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        put(out, id);
        return out;
    }

    private static void put(byte[] bytes, int id) {
        if (id <= 0) {
            throw new IllegalArgumentException("schema ids are positive: " + id);
        }
        bytes[0] = MAGIC;
        bytes[1] = (byte) (id >>> 24);
        bytes[2] = (byte) (id >>> 16);
        bytes[3] = (byte) (id >>> 8);
        bytes[4] = (byte) id;
    }
}
