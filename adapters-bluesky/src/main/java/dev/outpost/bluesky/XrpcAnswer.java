package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * One answer of an XRPC service as it came: its status, headers and JSON body (a missing node when the body was empty
 * or not JSON), and where it came from, for messages.
 *
 * @param json whether the body is a JSON object
 * @param empty whether there was no body at all
 * @param where the method's NSID and host, never a query string (which may hold a name the user chose)
 */
record XrpcAnswer(int status, HttpHeaders headers, JsonNode body, boolean json, boolean empty, String where) {
    XrpcAnswer {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? MissingNode.getInstance() : body;
        Objects.requireNonNull(where, "where");
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The error name of a failed call ({@code ExpiredToken}), or empty. */
    String error() {
        return body.path("error").asText("");
    }

    /** The server's message of a failed call, or empty. */
    String message() {
        return body.path("message").asText("");
    }
}
