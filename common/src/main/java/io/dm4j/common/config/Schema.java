package io.dm4j.common.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The keys allowed in one mapping of a configuration file: plain options and nested mappings (a single one such
 * as {@code from}, a list such as {@code mysql-instances}, or named rules such as {@code routes.<name>}).
 */
final class Schema {
    enum Shape { ONE, LIST, NAMED }

    /** A nested mapping. */
    record Child(String key, Schema schema, Shape shape, String doc, boolean isRequired, String deprecation) {
        Child deprecated(String instead) {
            return new Child(key, schema, shape, doc, isRequired, instead);
        }

        Child required() {
            return new Child(key, schema, shape, doc, true, deprecation);
        }
    }

    private final String title;
    private final String doc;
    private final List<Object> members;

    private Schema(String title, String doc, List<Object> members) {
        this.title = title;
        this.doc = doc;
        this.members = Collections.unmodifiableList(new ArrayList<>(members));
        for (Object m : members) {
            if (!(m instanceof Option<?>) && !(m instanceof Child)) {
                throw new IllegalArgumentException("schema member must be an Option or a Child: " + m);
            }
        }
    }

    /** {@code members}: {@link Option}s and {@link Child}ren, in the order the reference lists them. */
    static Schema of(String title, String doc, Object... members) {
        return new Schema(title, doc, List.of(members));
    }

    /** A copy with more members (e.g. the security keys inlined at the top of dm-master.toml). */
    Schema plus(List<?> more) {
        List<Object> all = new ArrayList<>(members);
        all.addAll(more);
        return new Schema(title, doc, all);
    }

    static Child one(String key, Schema schema, String doc) {
        return new Child(key, schema, Shape.ONE, doc, false, null);
    }

    static Child list(String key, Schema schema, String doc) {
        return new Child(key, schema, Shape.LIST, doc, false, null);
    }

    static Child named(String key, Schema schema, String doc) {
        return new Child(key, schema, Shape.NAMED, doc, false, null);
    }

    String title() {
        return title;
    }

    String doc() {
        return doc;
    }

    List<Object> members() {
        return members;
    }

    List<Option<?>> options() {
        List<Option<?>> out = new ArrayList<>();
        for (Object m : members) {
            if (m instanceof Option<?> o) {
                out.add(o);
            }
        }
        return out;
    }

    List<Child> children() {
        return members.stream().filter(m -> m instanceof Child).map(m -> (Child) m).toList();
    }

    Optional<Option<?>> option(String key) {
        return options().stream().filter(o -> o.key().equals(key)).findFirst();
    }

    Optional<Child> child(String key) {
        return children().stream().filter(c -> c.key().equals(key)).findFirst();
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        options().forEach(o -> keys.add(o.key()));
        children().forEach(c -> keys.add(c.key()));
        return keys;
    }
}
