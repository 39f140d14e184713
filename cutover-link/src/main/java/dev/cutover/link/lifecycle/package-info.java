/**
 * A link's lifecycle as an operator drives it from anywhere, through the link's state on the target: {@link
 * dev.cutover.link.lifecycle.LinkStop} asks the running instance (on whatever host) to stop and waits until it has,
 * {@link dev.cutover.link.lifecycle.LinkDelete} removes a stopped link's internal topics, {@link
 * dev.cutover.link.lifecycle.LinkDrain} asks it to drain topics and release them (and to copy them back, for a producer
 * move).
 */
package dev.cutover.link.lifecycle;
