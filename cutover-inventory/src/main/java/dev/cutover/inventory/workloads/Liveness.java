package dev.cutover.inventory.workloads;

/** Whether an owned workload was seen on the live cluster. */
public enum Liveness {
    /** A matching group has members, or a matching transactional id is known to the cluster. */
    SEEN,
    /** The workload can be recognised from the Admin API, but nothing matching is there now. */
    NOT_SEEN,
    /**
     * Only matched by client.id or principal and not a group member: producers and admin clients are invisible to the
     * Admin API, so absence proves nothing. Add a transactionalId or a group to its match, or scan its config files.
     */
    NOT_OBSERVABLE
}
