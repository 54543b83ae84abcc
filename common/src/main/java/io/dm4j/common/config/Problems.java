package io.dm4j.common.config;

import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects the errors and warnings found in one file so they can be reported together. */
final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final String fileKind;
    private final String file;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    Problems(String fileKind, String file) {
        this.fileKind = fileKind;
        this.file = file;
    }

    String fileKind() {
        return fileKind;
    }

    String file() {
        return file;
    }

    void error(ErrorCode code, String key, Mark mark, String message) {
        errors.add(new ConfigProblem(code, fileKind, file, key, mark == null ? Mark.NONE : mark, message));
    }

    void warn(String key, Mark mark, String message) {
        ConfigProblem p = new ConfigProblem(ConfigErrors.INVALID, fileKind, file, key, mark == null ? Mark.NONE : mark, message);
        warnings.add(p);
        LOG.warn("{}", p.describe());
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigProblem> errors() {
        return List.copyOf(errors);
    }

    List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws one {@link DmException} describing every error (code of the first), if there is any. */
    void throwIfErrors() {
        if (errors.isEmpty()) {
            return;
        }
        throw toException(errors);
    }

    static DmException toException(List<ConfigProblem> errors) {
        ConfigProblem first = errors.get(0);
        if (errors.size() == 1) {
            return first.code().error(first.describe());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(" problems in ").append(first.subject()).append(':');
        for (ConfigProblem p : errors) {
            sb.append("\n  - ").append(p.describe());
        }
        return first.code().error(sb.toString());
    }
}
