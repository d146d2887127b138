package dev.outpost.architecture.planted.application;

import io.javalin.http.Context;

/** Violation: a web framework inside a use case (and Javalin outside the web app and the sandbox). */
public final class UseCaseUsesJavalin {
    public String path(Context context) {
        return context.path();
    }
}
