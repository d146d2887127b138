package dev.outpost.ports.platform.fake;

/**
 * One kind of request a fake platform serves, as the fakes record calls and script faults by it. The names are shared
 * by the three shapes so that a reliability test can say "the next post times out" once for all of them; each shape's
 * class says which requests it uses and what they stand for on its platform.
 */
public enum Operation {
    /** A redirect sign-in's code exchanged for tokens. */
    EXCHANGE,
    /** Credentials renewed with a refresh token. */
    REFRESH,
    /** Credentials revoked, a session deleted. */
    REVOKE,
    /** Who the credentials belong to. */
    CURRENT_USER,
    /** A client registered with one server of a platform of many. */
    REGISTER_CLIENT,
    /** A form sign-in (a handle and an app password) that gives a session at once. */
    SIGN_IN,
    /** A server's own limits. */
    SERVER_LIMITS,
    /** A whole file in one request (a simple upload, a blob, an asynchronous media upload). */
    UPLOAD,
    /** A part-wise upload begins and gets its media id. */
    INITIALIZE,
    /** One part of a part-wise upload. */
    APPEND,
    /** A part-wise upload's parts are complete. */
    FINALIZE,
    /** Whether processing is done. */
    STATUS,
    /** Alt text set on uploaded media. */
    DESCRIBE,
    /** A post created. */
    PUBLISH,
    /** The account's recent posts read. */
    RECENT_POSTS,
    /** One post read by its key or id. */
    READ_POST
}
