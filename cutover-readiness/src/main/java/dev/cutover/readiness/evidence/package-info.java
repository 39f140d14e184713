/** Evidence: versioned JSON records under {@code DIR/evidence/}, how they are stored, and when they stop counting. */
package dev.cutover.readiness.evidence;
