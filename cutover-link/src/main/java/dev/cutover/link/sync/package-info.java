/**
 * Metadata sync for the link: topics (with their configs and partition counts), ACLs and client quotas on the target
 * follow the source. Every sync works the same way: read both clusters, build a typed plan, then either apply it or
 * only report it ({@code --dry-run}). Nothing here ever writes to the source cluster.
 */
package dev.cutover.link.sync;
