package dev.outpost.ports.platform.fake;

/** One method of a platform port, as the fakes record calls and script faults by it. */
public enum Operation {
    EXCHANGE, REFRESH, REVOKE, CURRENT_USER,
    UPLOAD, INITIALIZE, APPEND, FINALIZE, STATUS, DESCRIBE,
    PUBLISH, RECENT_POSTS
}
