package io.dm4j.common.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedFileNamingAndTriggeringPolicy;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.dm4j.common.config.LogFileConfig;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Logging of dm-master and dm-worker as their {@code -L}, {@code --log-file} and {@code --log-format} say: replaces
 * the logback.xml defaults (info to standard output) at start. Libraries' chatter is kept at warn.
 *
 * <p>{@code json} uses logback's own {@link JsonEncoder}: one JSON object per line, stack traces and multi-line
 * messages escaped inside it. A {@code log-file} rolls over as {@link LogFileConfig} says (per day or hour, and by
 * size), rolled files named {@code <log-file>.<date>.<n>}.
 */
public final class DaemonLogging {
    private static final String TEXT_PATTERN = "[%d{yyyy/MM/dd HH:mm:ss.SSS XXX}] [%level] [%logger{0}] [%thread] %msg%n";

    private DaemonLogging() {
    }

    /**
     * @param level  debug, info, warn/warning, error or fatal (fatal logs errors only)
     * @param file   "" = standard output
     * @param format text or json
     */
    public static void configure(String level, String file, String format) {
        configure(level, file, format, LogFileConfig.DEFAULT);
    }

    /** As {@link #configure(String, String, String)}, a {@code file} rolling over as {@code rolling} says. */
    public static void configure(String level, String file, String format, LogFileConfig rolling) {
        configure(level, file, format, rolling, SIZE_CHECK_INCREMENT);
    }

    /** How often the file's size is compared with log-max-size (a file system call; not on every line). */
    static final Duration SIZE_CHECK_INCREMENT = Duration.buildBySeconds(1);

    static void configure(String level, String file, String format, LogFileConfig rolling, Duration sizeCheck) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J binding: leave it alone
        }
        ctx.reset();
        Encoder<ILoggingEvent> encoder = encoder(ctx, format);
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null || file.isEmpty()) {
            appender = new ConsoleAppender<>();
        } else {
            appender = rollingFile(ctx, file, rolling, sizeCheck);
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

    private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, String format) {
        if ("json".equalsIgnoreCase(format)) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(ctx);
            json.setWithContext(false); // the logger context's name and birth time are the same on every line
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithFormattedMessage(true); // the message as text shows it, instead of its template and arguments
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(ctx);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext ctx, String file, LogFileConfig rolling,
                                                                  Duration sizeCheck) {
        RollingFileAppender<ILoggingEvent> f = new RollingFileAppender<>();
        f.setContext(ctx);
        f.setFile(file);
        f.setAppend(true);
        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(f);
        boolean hourly = "hour".equals(rolling.rotate());
        policy.setFileNamePattern(file + (hourly ? ".%d{yyyy-MM-dd_HH}" : ".%d{yyyy-MM-dd}") + ".%i");
        SizeAndTimeBasedFileNamingAndTriggeringPolicy<ILoggingEvent> bySize = new SizeAndTimeBasedFileNamingAndTriggeringPolicy<>();
        bySize.setContext(ctx);
        bySize.setMaxFileSize(new FileSize((long) rolling.maxSizeMb() * FileSize.MB_COEFFICIENT));
        bySize.setCheckIncrement(sizeCheck);
        policy.setTimeBasedFileNamingAndTriggeringPolicy(bySize);
        if (rolling.maxDays() > 0) {
            policy.setMaxHistory(hourly ? rolling.maxDays() * 24 : rolling.maxDays());
        }
        if (rolling.maxBackups() > 0) {
            policy.setTotalSizeCap(new FileSize((long) rolling.maxBackups() * rolling.maxSizeMb() * FileSize.MB_COEFFICIENT));
        }
        policy.start();
        f.setRollingPolicy(policy);
        return f;
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
