/**
 * Kafka Streams applications and Kafka Connect clusters as the inventory sees them: their groups, topics, stores and
 * connectors, linked together.
 */
package dev.cutover.inventory.stateful;
