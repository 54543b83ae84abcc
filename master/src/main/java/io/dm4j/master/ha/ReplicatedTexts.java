package io.dm4j.master.ha;

import io.dm4j.master.openapi.StoredTexts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One kind of OpenAPI texts kept in the masters' replicated state: read from this master's copy, written as a
 * {@link RaftEntry.OpenApiText} through this master, which leads (the OpenAPI is served by the leader only).
 */
public final class ReplicatedTexts implements StoredTexts {
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(15);

    private final RaftNode node;
    private final String kind;

    public ReplicatedTexts(RaftNode node, String kind) {
        this.node = node;
        this.kind = kind;
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(node.replicated().openapi(kind).get(name));
    }

    @Override
    public void put(String name, String text) {
        StoredTexts.checkName(name, "task");
        node.submit(new RaftEntry.OpenApiText(kind, name, text, false), COMMIT_WAIT);
    }

    @Override
    public boolean delete(String name) {
        boolean existed = get(name).isPresent();
        if (existed) {
            node.submit(new RaftEntry.OpenApiText(kind, name, null, false), COMMIT_WAIT);
        }
        return existed;
    }

    @Override
    public List<String> names() {
        return List.copyOf(node.replicated().openapi(kind).keySet());
    }
}
