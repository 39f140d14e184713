/**
 * Consumer group offsets across the link: exact translation of a group's committed offsets in either direction, and
 * sync of those offsets to the target, refusing whenever the result would not be exact or safe.
 */
package dev.cutover.link.groups;
