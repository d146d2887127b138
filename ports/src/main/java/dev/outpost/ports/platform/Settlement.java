package dev.outpost.ports.platform;

import dev.outpost.domain.post.RemotePost;
import java.util.Objects;

/** Whether a post whose request went out without a clear answer exists on the platform. */
public sealed interface Settlement {
    /** It exists: this is it. */
    record Found(RemotePost post) implements Settlement {
        public Found {
            Objects.requireNonNull(post, "post");
        }
    }

    /**
     * It does not exist (yet: a platform may show a new post late).
     *
     * @param lookalike an older post with the same content that is not this one, or null
     */
    record Absent(RemotePost lookalike) implements Settlement {
    }

    /** The platform cannot tell (no read access, say); {@code reason} is for people. */
    record Unknown(String reason) implements Settlement {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
