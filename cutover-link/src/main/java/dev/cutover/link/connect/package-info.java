/**
 * What the link shares with its Kafka Connect packaging ({@code cutover-connect}): the connector's configuration
 * ({@link dev.cutover.link.connect.ConnectorConfig}), written by {@code cutover link deploy} and read by the connector.
 */
package dev.cutover.link.connect;
