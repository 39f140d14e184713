/**
 * What {@code link status} shows, read from the link's state on the target (and the source's open transactions),
 * whether or not the link runs: {@link dev.cutover.link.status.LinkStatusQuery#read} returns a {@link
 * dev.cutover.link.status.LinkStatusReport}, whose JSON form is documented and versioned, and which decides whether
 * the link is in error.
 */
package dev.cutover.link.status;
