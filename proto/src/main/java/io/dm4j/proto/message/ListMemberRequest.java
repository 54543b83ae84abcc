package io.dm4j.proto.message;

import java.util.List;

/** {@code list-member [--leader] [--master] [--worker] [-n name..]}; no kind selected = all kinds. */
public record ListMemberRequest(boolean leader, boolean master, boolean worker, List<String> names) {
    public ListMemberRequest {
        names = names == null ? List.of() : List.copyOf(names);
    }
}
