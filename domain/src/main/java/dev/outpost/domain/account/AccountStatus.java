package dev.outpost.domain.account;

/** Whether Outpost can act for an account without the user's help. */
public enum AccountStatus {
    CONNECTED,
    /** The token chain is lost (revoked, or a refresh failed for good): the user must connect again. */
    NEEDS_RECONNECT
}
