/**
 * Deploying a link as a Kafka Connect connector ({@code cutover link deploy}): the connector's configuration built from
 * a workspace with secrets kept as config-provider references ({@link dev.cutover.link.deploy.ConnectorPlan}), the
 * workers' REST API ({@link dev.cutover.link.deploy.ConnectClient}) and the checks, submission and wait that make a
 * deployment ({@link dev.cutover.link.deploy.LinkDeployment}).
 */
package dev.cutover.link.deploy;
