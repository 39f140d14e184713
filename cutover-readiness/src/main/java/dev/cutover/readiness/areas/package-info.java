/**
 * The seven decision areas: per workload, rules with stable finding codes (documented in {@code docs/readiness.md})
 * that turn the source inventory, a target scan, the manifest and the evidence into a verdict per area.
 */
package dev.cutover.readiness.areas;
