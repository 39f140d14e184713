/** The REST API of Kafka Connect workers, as far as the inventory and a wave need it: connectors, their state, pause and resume. */
package dev.cutover.inventory.connect;
