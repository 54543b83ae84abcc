package io.dm4j.master.http;

import io.dm4j.proto.http.HttpQuery;
import java.net.URI;

/**
 * Tells requests a browser sent on behalf of a page of another site: a browser names the page's origin in
 * {@code Origin} on every cross-site POST, PUT and DELETE, so a write whose Origin is not this server (the Host the
 * request went to) is refused. Clients that are not browsers (curl, dmctl, scripts) send no Origin and pass.
 */
public final class SameOrigin {
    private SameOrigin() {
    }

    public static boolean crossOrigin(HttpQuery q) {
        String origin = q.headers().get("origin");
        if (origin == null || origin.isEmpty()) {
            return false;
        }
        try {
            String authority = URI.create(origin).getAuthority();
            return authority == null || !authority.equalsIgnoreCase(q.headers().getOrDefault("host", ""));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
