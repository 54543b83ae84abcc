package io.dm4j.master.check;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Small text helpers shared by the check items. */
final class Items {
    private static final int SHOWN = 5;

    private Items() {
    }

    /** The first few of {@code things}, and how many more. */
    static String some(Collection<?> things) {
        List<String> all = things.stream().map(Object::toString).toList();
        String shown = all.stream().limit(SHOWN).collect(Collectors.joining(", "));
        return all.size() > SHOWN ? shown + " and " + (all.size() - SHOWN) + " more" : shown;
    }

    /** "SELECT on a.b, RELOAD (...)" → "SELECT, RELOAD". */
    static String privilegeNames(List<String> missing) {
        return missing.stream().map(m -> m.replaceAll(" on .*| \\(.*", "")).distinct().collect(Collectors.joining(", "));
    }

    static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
