package dev.cutover.inventory.files;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Serializers, deserializers (or Streams serdes) and the schema registry a client uses; absent ones are null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Serialization(
        String keySerializer,
        String valueSerializer,
        String keyDeserializer,
        String valueDeserializer,
        String schemaRegistryUrl) {}
