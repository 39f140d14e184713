package dev.cutover.inventory.files;

/** The kind of file a client configuration was found in. */
public enum ConfigFormat {
    PROPERTIES,
    YAML,
    ENV,
    JSON,
    SOURCE
}
