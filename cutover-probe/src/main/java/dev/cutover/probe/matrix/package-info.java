/**
 * The client-version matrix: the same small produce/consume/commit round trip run with several client libraries
 * (kafka-clients versions in isolated class loaders, librdkafka through {@code kcat}) against the target.
 */
package dev.cutover.probe.matrix;
