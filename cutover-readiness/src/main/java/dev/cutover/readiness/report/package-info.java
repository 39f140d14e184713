/** The readiness report: one page per wave, in JSON (versioned), Markdown and printable HTML. */
package dev.cutover.readiness.report;
