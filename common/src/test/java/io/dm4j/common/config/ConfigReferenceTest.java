package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the key declarations and must be current. To regenerate:
 * {@code mvn -B -q -o -pl common test -Dtest=ConfigReferenceTest -Ddm4j.regenerateDocs=true}.
 */
class ConfigReferenceTest {

    @Test
    void referenceIsUpToDate() throws Exception {
        Path doc = Files.repoRoot().resolve("docs/configuration.md");
        String generated = ConfigReference.markdown();
        if (Boolean.getBoolean("dm4j.regenerateDocs")) {
            java.nio.file.Files.writeString(doc, generated);
        }
        String current = java.nio.file.Files.exists(doc) ? java.nio.file.Files.readString(doc) : "";
        assertEquals(generated, current, "docs/configuration.md is out of date; regenerate it with\n"
                + "  mvn -B -q -o -pl common test -Dtest=ConfigReferenceTest -Ddm4j.regenerateDocs=true\n"
                + "(or run io.dm4j.common.config.ConfigReference.main docs/configuration.md from the repository root)");
    }

    @Test
    void everyDeclaredKeyIsDocumented() {
        String doc = ConfigReference.markdown();
        for (Schema s : new Schema[] {SourceConfig.SCHEMA, TaskConfig.SCHEMA, MasterConfig.SCHEMA, WorkerConfig.SCHEMA,
                SyncerConfig.SCHEMA, LoaderConfig.SCHEMA, MydumperConfig.SCHEMA, ValidatorConfig.SCHEMA, RuleSchemas.ROUTE,
                RuleSchemas.FILTER, RuleSchemas.BLOCK_ALLOW_LIST, RuleSchemas.EXPRESSION_FILTER, DbConfig.schema("x", "x")}) {
            for (String key : s.keys()) {
                assertTrue(doc.contains("| `" + key + "` |"), key + " of " + s.title() + " is not in the reference");
            }
        }
        assertTrue(doc.contains("dmctl encrypt"));
    }
}
