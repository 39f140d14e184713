/**
 * The migration plan: the producer → topic → consumer dependency graph, risk classes, waves and their cutover
 * patterns, estate-level recommendations, and {@code plan.yaml}.
 */
package dev.cutover.readiness.plan;
