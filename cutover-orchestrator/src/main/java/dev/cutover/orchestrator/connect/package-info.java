/** The REST API of Kafka Connect workers, as far as a wave needs it: connectors, their state, pause and resume. */
package dev.cutover.orchestrator.connect;
