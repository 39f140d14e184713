/**
 * Readiness: whether each workload may move, decided per decision area from the inventory, the target, the manifest
 * and recorded evidence; the areas' rules ({@code areas}), evidence ({@code evidence}), the per-wave reports ({@code
 * report}) and the plan ({@code plan}).
 */
package dev.cutover.readiness;
