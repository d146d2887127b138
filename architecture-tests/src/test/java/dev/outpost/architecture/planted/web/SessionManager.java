package dev.outpost.architecture.planted.web;

import io.javalin.http.Context;

/** Violation: a Manager name says nothing (its Javalin use is fine here). */
public final class SessionManager {
    public String id(Context context) {
        return context.sessionAttribute("id");
    }
}
