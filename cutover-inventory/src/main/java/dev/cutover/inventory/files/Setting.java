package dev.cutover.inventory.files;

/** One key/value read from a file: the key as a canonical dotted path, the raw value, the 1-based line. */
record Setting(String path, String value, int line) {}
