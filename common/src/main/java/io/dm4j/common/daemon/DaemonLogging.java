package io.dm4j.common.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Logging of dm-master and dm-worker as their {@code -L}, {@code --log-file} and {@code --log-format} say: replaces
 * the logback.xml defaults (info to standard output) at start. Libraries' chatter is kept at warn.
 */
public final class DaemonLogging {
    private static final String TEXT_PATTERN = "[%d{yyyy/MM/dd HH:mm:ss.SSS XXX}] [%level] [%logger{0}] [%thread] %msg%n";
    private static final String JSON_PATTERN = "{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}\",\"level\":\"%level\",\"logger\":\"%logger\","
            + "\"thread\":\"%thread\",\"message\":\"%replace(%replace(%msg){'\\\\','\\\\\\\\'}){'\"','\\\\\"'}\"}%n";

    private DaemonLogging() {
    }

    /**
     * @param level  debug, info, warn/warning, error or fatal (fatal logs errors only)
     * @param file   "" = standard output
     * @param format text or json
     */
    public static void configure(String level, String file, String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J binding: leave it alone
        }
        ctx.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("json".equalsIgnoreCase(format) ? JSON_PATTERN : TEXT_PATTERN);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null || file.isEmpty()) {
            appender = new ConsoleAppender<>();
        } else {
            FileAppender<ILoggingEvent> f = new FileAppender<>();
            f.setFile(file);
            f.setAppend(true);
            appender = f;
        }
        appender.setContext(ctx);
        appender.setName("main");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(level));
        root.addAppender(appender);
        for (String noisy : new String[] {"io.netty", "com.zaxxer.hikari", "com.github.shyiko", "com.mysql"}) {
            ctx.getLogger(noisy).setLevel(Level.WARN);
        }
        // Ratis retries a dead peer every few 100 ms and logs each failure with a stack trace; dm4j logs the
        // leader changes and membership itself
        ctx.getLogger("org.apache.ratis").setLevel(Level.ERROR);
        ctx.getLogger("org.apache.ratis.util.LifeCycle").setLevel(Level.OFF);
    }

    static Level level(String level) {
        String l = level == null ? "info" : level.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "debug" -> Level.DEBUG;
            case "warn", "warning" -> Level.WARN;
            case "error", "fatal" -> Level.ERROR;
            default -> Level.INFO;
        };
    }
}
