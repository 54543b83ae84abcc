package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.errors.OpenApiErrors;
import java.security.SecureRandom;
import java.util.List;

/**
 * {@code /api/v1/cluster/info}: DM's cluster id and the topology an operator (or a deployment tool) records for
 * the cluster: masters, workers, Grafana, Prometheus, Alertmanager. Both are kept in the replicated state
 * ({@link StoredTexts#CLUSTER}); the id is drawn once, by the first leader asked for it.
 */
final class ClusterInfoApi {
    private static final String PATH = "/api/v1/cluster/info";
    private static final String ID = "id";
    private static final String TOPOLOGY = "topology";
    private static final String WHAT = "the cluster topology";
    private static final List<String> NODE_LISTS = List.of("master_topology_list", "worker_topology_list");
    private static final List<String> SERVICES = List.of("grafana_topology", "prometheus_topology", "alert_manager_topology");

    private final StoredTexts stored;

    ClusterInfoApi(StoredTexts stored) {
        this.stored = stored;
    }

    void register(ApiRouter r) {
        r.add("GET", PATH, c -> ApiReply.ok(info()))
                .add("PUT", PATH, this::update);
    }

    private synchronized ObjectNode info() {
        String id = stored.get(ID).orElse("");
        if (id.isEmpty()) {
            id = Long.toUnsignedString(new SecureRandom().nextLong() | 1L);
            stored.put(ID, id);
        }
        ObjectNode out = Json.object();
        out.put("cluster_id", Long.parseUnsignedLong(id));
        out.set(TOPOLOGY, stored.get(TOPOLOGY).map(ClusterInfoApi::read).orElseGet(Json::object));
        return out;
    }

    private synchronized ApiReply update(ApiCall c) {
        JsonNode body = c.body();
        if (!body.isObject()) {
            throw OpenApiErrors.BAD_FIELD.error("(body)", WHAT, "must be a ClusterTopology object");
        }
        ObjectNode topology = Json.object();
        for (String list : NODE_LISTS) {
            JsonNode nodes = body.path(list);
            if (nodes.isMissingNode() || nodes.isNull()) {
                continue;
            }
            if (!nodes.isArray()) {
                throw OpenApiErrors.BAD_FIELD.error(list, WHAT, "must be a list of {name, host, port}");
            }
            ArrayNode out = topology.putArray(list);
            for (int i = 0; i < nodes.size(); i++) {
                String field = list + "[" + i + "]";
                ObjectNode node = endpoint(nodes.get(i), field);
                node.put("name", nonEmpty(nodes.get(i), field + ".name"));
                out.add(node);
            }
        }
        for (String service : SERVICES) {
            JsonNode node = body.path(service);
            if (!node.isMissingNode() && !node.isNull()) {
                topology.set(service, endpoint(node, service));
            }
        }
        stored.put(TOPOLOGY, topology.toString());
        return ApiReply.ok(info());
    }

    /** {host, port} of one node, checked. */
    private static ObjectNode endpoint(JsonNode node, String field) {
        if (!node.isObject()) {
            throw OpenApiErrors.BAD_FIELD.error(field, WHAT, "must be an object with host and port");
        }
        String host = nonEmpty(node, field + ".host");
        JsonNode port = node.path("port");
        if (!port.canConvertToInt() || !port.isIntegralNumber() || port.asInt() < 1 || port.asInt() > 65535) {
            throw OpenApiErrors.BAD_FIELD.error(field + ".port", WHAT, "must be a port number from 1 to 65535, not "
                    + (port.isMissingNode() ? "missing" : port.toString()));
        }
        ObjectNode out = Json.object();
        out.put("host", host);
        out.put("port", port.asInt());
        return out;
    }

    private static String nonEmpty(JsonNode node, String field) {
        JsonNode v = node.path(field.substring(field.lastIndexOf('.') + 1));
        if (!v.isTextual() || v.asText().isBlank()) {
            throw OpenApiErrors.BAD_FIELD.error(field, WHAT, "must be a non-empty string");
        }
        return v.asText();
    }

    private static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("the stored cluster topology is not JSON", e);
        }
    }
}
