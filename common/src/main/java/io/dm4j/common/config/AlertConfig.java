package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.DURATION;
import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.STRING_LIST;

import java.time.Duration;
import java.util.List;

/**
 * dm-master's {@code [alerts]} table (dm4j's own; DM has none): HTTP endpoints that receive a JSON post when a
 * subtask pauses with an error, when a source moves to another worker, and when a subtask's replication lag
 * passes a threshold.
 *
 * @param webhookUrls   {@code http://} or {@code https://} URLs, each posted every alert; empty = no alerts
 * @param lagThreshold  lag that raises an alert; zero = no lag alerts
 * @param checkInterval how often the master asks the workers for their subtasks' status
 * @param retryAttempts attempts per post before the alert is dropped (logged)
 * @param retryBackoff  pause after the first failed attempt; doubled after each further one
 */
public record AlertConfig(List<String> webhookUrls, Duration lagThreshold, Duration checkInterval, int retryAttempts,
                          Duration retryBackoff) {
    public AlertConfig {
        webhookUrls = List.copyOf(webhookUrls);
    }

    static final Option<List<String>> WEBHOOK_URLS = Option.of("webhook-urls", STRING_LIST, List.of(),
            "URLs that receive each alert as a JSON POST (`http://` or `https://`); empty = no alerts.")
            .check(urls -> urls.stream().filter(u -> !u.startsWith("http://") && !u.startsWith("https://")).findFirst()
                    .map(u -> "`" + u + "` is not an http:// or https:// URL").orElse(null));
    static final Option<Duration> LAG_THRESHOLD = Option.of("lag-threshold", DURATION, Duration.ofMinutes(5),
            "Replication lag of a subtask that raises a `lag_above_threshold` alert; 0s = none.");
    static final Option<Duration> CHECK_INTERVAL = Option.of("check-interval", DURATION, Duration.ofSeconds(10),
            "How often the master reads the subtasks' stage, errors and lag for alerts.")
            .check(d -> d.isZero() || d.isNegative() ? "must be positive, found " + d : null);
    static final Option<Integer> RETRY_ATTEMPTS = Option.of("retry-attempts", INT, 5,
            "Attempts per webhook post before the alert is dropped (and logged).").check(Option.positive());
    static final Option<Duration> RETRY_BACKOFF = Option.of("retry-backoff", DURATION, Duration.ofSeconds(1),
            "Pause after the first failed post; doubled after each further failure.");

    static final Schema SCHEMA = Schema.of("alerts", "Alert webhooks of dm-master (dm4j's own).", WEBHOOK_URLS,
            LAG_THRESHOLD, CHECK_INTERVAL, RETRY_ATTEMPTS, RETRY_BACKOFF);

    public boolean enabled() {
        return !webhookUrls.isEmpty();
    }

    static AlertConfig from(Values v) {
        return new AlertConfig(v.get(WEBHOOK_URLS), v.get(LAG_THRESHOLD), v.get(CHECK_INTERVAL), v.get(RETRY_ATTEMPTS),
                v.get(RETRY_BACKOFF));
    }
}
