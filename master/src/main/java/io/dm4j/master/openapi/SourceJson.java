package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.errors.OpenApiErrors;
import java.util.List;

/**
 * DM's OpenAPI {@code Source} object and source.yaml: a request's source becomes the file {@code operate-source
 * create} takes, and a stored source file is shown as a {@code Source} (password and certificates hidden, as DM
 * hides them).
 */
final class SourceJson {
    static final String HIDDEN = "******";

    private SourceJson() {
    }

    /** The source.yaml text for a {@code Source} object of a request. */
    static String toYaml(JsonNode source) {
        if (!source.isObject()) {
            throw OpenApiErrors.BAD_REQUEST.error("the request needs a `source` object");
        }
        ObjectNode y = Json.object();
        y.put("source-id", Json.requiredText(source, "source_name", "source"));
        y.put("enable-gtid", source.path("enable_gtid").asBoolean(false));
        if (source.has("enable")) {
            y.put("enable", source.path("enable").asBoolean(true));
        }
        String flavor = Json.text(source, "flavor", "");
        if (!flavor.isEmpty()) {
            y.put("flavor", flavor);
        }
        ObjectNode from = y.putObject("from");
        from.put("host", Json.requiredText(source, "host", "source"));
        if (!source.path("port").canConvertToInt()) {
            throw OpenApiErrors.BAD_REQUEST.error("source needs the integer field `port`");
        }
        from.put("port", source.path("port").asInt());
        from.put("user", Json.text(source, "user", ""));
        from.put("password", Json.text(source, "password", ""));
        JsonNode security = source.path("security");
        if (security.isObject()) {
            from.set("security", securityYaml(security));
        }
        JsonNode purge = source.path("purge");
        if (purge.isObject()) {
            ObjectNode p = y.putObject("purge");
            copyNumber(purge, "interval", p, "interval");
            copyNumber(purge, "expires", p, "expires");
            copyNumber(purge, "remain_space", p, "remain-space");
        }
        JsonNode relay = source.path("relay_config");
        if (relay.isObject()) {
            y.put("enable-relay", relay.path("enable_relay").asBoolean(false));
            copyText(relay, "relay_binlog_name", y, "relay-binlog-name");
            copyText(relay, "relay_binlog_gtid", y, "relay-binlog-gtid");
            copyText(relay, "relay_dir", y, "relay-dir");
        }
        return Json.yaml(y);
    }

    /** A {@code security} object of a request as a YAML {@code security} section (PEM contents, not paths). */
    static ObjectNode securityYaml(JsonNode security) {
        ObjectNode s = Json.object();
        copyText(security, "ssl_ca_content", s, "ssl-ca-bytes");
        copyText(security, "ssl_cert_content", s, "ssl-cert-bytes");
        copyText(security, "ssl_key_content", s, "ssl-key-bytes");
        List<String> cns = Json.texts(security, "cert_allowed_cn");
        if (!cns.isEmpty()) {
            s.set("cert-allowed-cn", Json.array(cns));
        }
        return s;
    }

    /** A stored source as DM's {@code Source} object (without status). */
    static ObjectNode fromConfig(SourceConfig cfg, List<String> tasks) {
        ObjectNode o = Json.object();
        o.put("source_name", cfg.sourceId());
        o.put("host", cfg.from().host());
        o.put("port", cfg.from().port());
        o.put("user", cfg.from().user());
        o.put("password", HIDDEN);
        o.put("enable_gtid", cfg.enableGtid());
        o.put("enable", cfg.enable());
        o.put("flavor", cfg.flavor() == null ? "" : cfg.flavor().label());
        o.set("task_name_list", Json.array(tasks));
        o.putNull("security");
        ObjectNode purge = o.putObject("purge");
        purge.put("interval", cfg.purge().interval());
        purge.put("expires", cfg.purge().expires());
        purge.put("remain_space", cfg.purge().remainSpace());
        ObjectNode relay = o.putObject("relay_config");
        relay.put("enable_relay", cfg.enableRelay());
        relay.put("relay_binlog_name", cfg.relayBinlogName());
        relay.put("relay_binlog_gtid", cfg.relayBinlogGtid());
        relay.put("relay_dir", cfg.relayDir());
        return o;
    }

    private static void copyText(JsonNode in, String field, ObjectNode out, String key) {
        String v = Json.text(in, field, "");
        if (!v.isEmpty()) {
            out.put(key, v);
        }
    }

    private static void copyNumber(JsonNode in, String field, ObjectNode out, String key) {
        if (in.path(field).isNumber()) {
            out.put(key, in.path(field).asLong());
        }
    }
}
