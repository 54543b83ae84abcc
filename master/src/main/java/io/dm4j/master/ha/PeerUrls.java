package io.dm4j.master.ha;

import io.dm4j.common.errors.HaErrors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DM's peer URL forms: {@code http://host:port} (the scheme is accepted and ignored: the masters speak Raft over
 * plain TCP, or TLS when the master has certificates) and {@code initial-cluster} as {@code name=url,name=url}.
 */
public final class PeerUrls {
    private PeerUrls() {
    }

    /** {@code host:port} of one URL (the first of a comma-separated list). */
    public static String hostPort(String urls) {
        String first = urls.split(",")[0].trim();
        int scheme = first.indexOf("://");
        String hp = scheme >= 0 ? first.substring(scheme + 3) : first;
        if (hp.endsWith("/")) {
            hp = hp.substring(0, hp.length() - 1);
        }
        int colon = hp.lastIndexOf(':');
        if (colon <= 0 || colon == hp.length() - 1) {
            throw HaErrors.BAD_INITIAL_CLUSTER.error(urls, "`" + first + "` is not host:port or http://host:port");
        }
        try {
            int port = Integer.parseInt(hp.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw HaErrors.BAD_INITIAL_CLUSTER.error(urls, "`" + first + "` has no valid port");
        }
        return hp;
    }

    /** Port of a URL. */
    public static int port(String url) {
        String hp = hostPort(url);
        return Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1));
    }

    /** Host of a URL ("" stands for every interface). */
    public static String host(String url) {
        String hp = hostPort(url);
        String h = hp.substring(0, hp.lastIndexOf(':'));
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** name → host:port of {@code initial-cluster}, in the order written. */
    public static Map<String, String> initialCluster(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw HaErrors.BAD_INITIAL_CLUSTER.error(text, "`" + p + "` is not name=url");
            }
            String name = p.substring(0, eq).trim();
            String addr = hostPort(p.substring(eq + 1));
            if (out.containsKey(name)) {
                throw HaErrors.BAD_INITIAL_CLUSTER.error(text, "master `" + name + "` is named twice");
            }
            if (out.containsValue(addr)) {
                throw HaErrors.BAD_INITIAL_CLUSTER.error(text, "two masters share the address " + addr);
            }
            out.put(name, addr);
        }
        if (out.isEmpty()) {
            throw HaErrors.BAD_INITIAL_CLUSTER.error(text, "no master is named");
        }
        return out;
    }
}
