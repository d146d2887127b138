package dev.outpost.architecture.planted.web;

import dev.outpost.architecture.planted.ports.platform.PostPublisher;

/** Posts by calling the platform port instead of the use case. */
public class RouteCallsThePublisher {
    String post(PostPublisher publisher) {
        return publisher.publish("hello");
    }
}
