package dev.cutover.inventory.files;

/** What a discovered client configuration is for, as far as its settings tell. */
public enum ClientRole {
    PRODUCER,
    CONSUMER,
    ADMIN,
    STREAMS,
    CONNECT,
    UNKNOWN
}
