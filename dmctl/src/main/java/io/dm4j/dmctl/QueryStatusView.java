package io.dm4j.dmctl;

import io.dm4j.common.config.DmDuration;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.DmctlErrors;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.QueryStatusRequest;
import java.time.Duration;

/** query-status as text: one answer in the chosen format, for {@code -o table} and each {@code --watch} snapshot. */
final class QueryStatusView {
    private QueryStatusView() {
    }

    /** Asks once and prints the table; the exit status as for JSON. */
    static int print(GlobalOptions g, QueryStatusRequest request) {
        try {
            QueryStatusListResponse r = Commands.QueryStatus.withHints(
                    MasterCall.call(g, MasterMethods.QUERY_STATUS, request));
            g.out().print(StatusTable.render(r));
            return r.result() ? 0 : 1;
        } catch (DmException e) {
            g.out().println("error: " + e.getMessage());
            return 1;
        }
    }

    /** One answer as text; a failed call is shown in its place (the watch goes on). */
    static String snapshot(GlobalOptions g, QueryStatusRequest request, StatusOutput format) {
        try {
            QueryStatusListResponse r = Commands.QueryStatus.withHints(
                    MasterCall.call(g, MasterMethods.QUERY_STATUS, request));
            return format == StatusOutput.TABLE ? StatusTable.render(r) : Output.json(r);
        } catch (DmException e) {
            return format == StatusOutput.TABLE ? "error: " + e.getMessage() : Output.json(Output.failure(e));
        }
    }

    /** {@code --watch} interval: a duration ({@code 2s}, {@code 500ms}) or whole seconds ({@code 5}). */
    static Duration interval(String text) {
        Duration d;
        try {
            d = text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : DmDuration.parse(text);
        } catch (RuntimeException e) {
            throw DmctlErrors.BAD_ARGUMENTS.error("--watch `" + text + "` is not an interval; give e.g. 2s, 500ms or 5");
        }
        if (d.toMillis() < 100) {
            throw DmctlErrors.BAD_ARGUMENTS.error("--watch `" + text + "` is shorter than 100ms");
        }
        return d;
    }
}
