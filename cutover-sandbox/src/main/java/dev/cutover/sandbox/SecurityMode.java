package dev.cutover.sandbox;

/** Security of a sandbox cluster's client listener. */
public enum SecurityMode {
    /** PLAINTEXT, no authorizer. */
    NONE,
    /** SASL_PLAINTEXT with SCRAM-SHA-512 and the standard authorizer (deny when no ACL matches). */
    SASL_SCRAM,
    /** SSL with a CA and broker certificate generated at start; clients verify the broker. */
    SSL,
    /** SSL with client certificates required (mTLS); the principal is the certificate's subject. */
    MTLS
}
