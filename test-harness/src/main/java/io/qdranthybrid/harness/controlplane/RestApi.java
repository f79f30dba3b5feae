package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The REST API under {@value #PREFIX}, shaped like the hosted control plane's public API: hybrid cloud environments
 * and, under each, clusters, backups, backup schedules and restores. JSON in and out; 201 on create, 204 on delete,
 * 400 with a message for bad input, 404 for unknown ids, 409 for a clash with the current state, 422 for a version the
 * release catalogue does not offer. The same Java API
 * as tests use is underneath, so both refuse the same requests with the same messages.
 *
 * <pre>
 * GET    /api/v1/releases                                        the release catalogue, newest first
 * GET    /api/v1/hybrid-cloud-environments                       list
 * POST   /api/v1/hybrid-cloud-environments                       {name, namespace}
 * GET    /api/v1/hybrid-cloud-environments/{env}                 environment with status
 * PATCH  /api/v1/hybrid-cloud-environments/{env}                 {name?, namespace?}
 * DELETE /api/v1/hybrid-cloud-environments/{env}[?force=true]  DELETING until the agent removed what it manages;
 *        forced (only while UNKNOWN): 200 with what is left in the namespace
 * POST   /api/v1/hybrid-cloud-environments/{env}/bootstrap-commands   mints a new access key
 * GET    /api/v1/hybrid-cloud-environments/{env}/agent           the agent's connection: state, since, why
 * GET    /api/v1/hybrid-cloud-environments/{env}/operator-metrics?window=1h   the operator's reconciles and errors
 *        per minute, queue depth, active workers; why it is unreachable when it is
 * GET    /api/v1/hybrid-cloud-environments/{env}/clusters
 * POST   /api/v1/hybrid-cloud-environments/{env}/clusters        {id, nodes, version, cpu?, memory?, storage?, config?}
 * GET    /api/v1/hybrid-cloud-environments/{env}/clusters/{id}
 * DELETE /api/v1/hybrid-cloud-environments/{env}/clusters/{id}[?force=true]  forced only while Unknown: 200, leftovers
 * GET    .../clusters/{id}/nodes | /events                     its nodes as reported; Kubernetes events about it
 * GET    .../clusters/{id}/logs?node=&tailLines=&sinceSeconds=&sinceTime=&previous=   its Qdrant logs, read now
 * GET    .../clusters/{id}/kubernetes-events                   Kubernetes events about it, read now from the agent
 * GET    .../clusters/{id}/metrics?window=1h                    usage series (memory, disk, requests), flags
 * GET    .../clusters/{id}/downscale-risk?nodes=N[&memory=2Gi][&disk=10Gi]   risk of shrinking to that size
 * GET    .../clusters/{id}/upgrade-path?to=vX.Y.Z               the versions to ask for in turn, one minor at a time
 * POST   .../clusters/{id}/scale {nodes} | /version {version} | /resources {cpu?, memory?, storage?}
 *        | /config {config} | /restart | /suspend | /resume
 * GET    /api/v1/hybrid-cloud-environments/{env}/backups
 * POST   /api/v1/hybrid-cloud-environments/{env}/backups         {clusterId, retentionHours?}
 * GET    /api/v1/hybrid-cloud-environments/{env}/backups/{name}
 * DELETE /api/v1/hybrid-cloud-environments/{env}/backups/{name}
 * GET    /api/v1/hybrid-cloud-environments/{env}/backup-schedules
 * POST   /api/v1/hybrid-cloud-environments/{env}/backup-schedules {clusterId, schedule, retentionHours}
 * DELETE /api/v1/hybrid-cloud-environments/{env}/backup-schedules/{name}
 * GET    /api/v1/hybrid-cloud-environments/{env}/restores
 * POST   /api/v1/hybrid-cloud-environments/{env}/restores        {backupName, clusterId, newCluster?}
 *        (in place, the answer's "reverts" says what goes back to backup time, e.g. the version)
 * </pre>
 */
final class RestApi {

    static final String PREFIX = "/api/v1/";
    static final String ENVIRONMENTS = "hybrid-cloud-environments";
    static final String RELEASES = "releases";
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    private final SimulatedControlPlane controlPlane;

    RestApi(SimulatedControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    /** @param path the request path without the query string, starting with {@value #PREFIX} */
    RestResponse handle(String method, String path, String body) {
        return handle(method, path, Map.of(), body);
    }

    /**
     * @param query the query string's parameters (the first value of each counts); {@code force=true} on a DELETE of
     *              an environment or cluster removes the record without waiting for the agent (only while UNKNOWN)
     */
    RestResponse handle(String method, String path, Map<String, List<String>> query, String body) {
        boolean force = "true".equals(param(query, "force"));
        List<String> segments = segments(path);
        try {
            if (segments.size() == 1 && segments.get(0).equals(RELEASES)) {
                return get(method, () -> RestResponse.ok(items(controlPlane.releases().list())));
            }
            if (segments.isEmpty() || !segments.get(0).equals(ENVIRONMENTS)) {
                return notFound(path);
            }
            if (segments.size() == 1) {
                return environments(method, body);
            }
            String environmentId = segments.get(1);
            if (segments.size() == 2) {
                return environment(method, environmentId, body, force);
            }
            List<String> rest = segments.subList(2, segments.size());
            return switch (rest.get(0)) {
                case "bootstrap-commands" -> rest.size() == 1 ? post(method, () -> bootstrap(environmentId)) : notFound(path);
                case "agent" -> rest.size() == 1 ? get(method, () -> agent(environmentId)) : notFound(path);
                case "operator-metrics" -> rest.size() == 1 ? get(method, () -> RestResponse.ok(controlPlane
                        .operatorMetrics().metrics(environmentId, param(query, "window")))) : notFound(path);
                case "clusters" -> clusters(method, environmentId, rest.subList(1, rest.size()), query, body, path,
                        force);
                case "backups" -> backups(method, environmentId, rest.subList(1, rest.size()), body, path);
                case "backup-schedules" -> schedules(method, environmentId, rest.subList(1, rest.size()), body, path);
                case "restores" -> rest.size() == 1 ? restores(method, environmentId, body) : notFound(path);
                default -> notFound(path);
            };
        } catch (ControlPlaneRequestException e) {
            // Refusals from below (validator, operator) may still use the QdrantCluster's words: the API answers in its own.
            return RestResponse.error(e.httpStatus(), RestVocabulary.speak(e.getMessage(), clusterIds(segments)));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            return RestResponse.error(500, "internal error: " + e);
        }
    }

    /** The clusters of the environment the path names, which a message may call by their object names. */
    private java.util.Set<String> clusterIds(List<String> segments) {
        if (segments.size() < 2) {
            return java.util.Set.of();
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(controlPlane.clusters().knownIds(segments.get(1)));
        if (segments.size() > 3 && segments.get(2).equals("clusters")) {
            ids.add(segments.get(3));
        }
        return ids;
    }

    private RestResponse environments(String method, String body) {
        return switch (method) {
            case "GET" -> RestResponse.ok(items(controlPlane.environments().list()));
            case "POST" -> {
                JsonBody request = JsonBody.parse(body);
                yield RestResponse.created(controlPlane.environments().create(request.requiredText("name"),
                        request.requiredText("namespace")));
            }
            default -> methodNotAllowed(method, "GET, POST");
        };
    }

    private RestResponse environment(String method, String environmentId, String body, boolean force) {
        return switch (method) {
            case "GET" -> RestResponse.ok(controlPlane.environments().get(environmentId));
            case "PATCH", "PUT" -> {
                JsonBody request = JsonBody.parse(body);
                yield RestResponse.ok(controlPlane.environments().update(environmentId, request.optionalText("name"),
                        request.optionalText("namespace")));
            }
            case "DELETE" -> controlPlane.environments().delete(environmentId, force)
                    .map(RestResponse::ok).orElseGet(RestResponse::noContent);
            default -> methodNotAllowed(method, "GET, PATCH, PUT, DELETE");
        };
    }

    private RestResponse bootstrap(String environmentId) {
        BootstrapCommands commands = controlPlane.environments().bootstrap(environmentId);
        ObjectNode answer = ConsoleJson.MAPPER.createObjectNode();
        answer.put("environmentId", commands.environmentId());
        answer.put("namespace", commands.namespace());
        commands.commands().forEach(answer.putArray("commands")::add);
        answer.put("script", commands.script());
        return new RestResponse(200, answer);
    }

    private RestResponse clusters(String method, String environmentId, List<String> rest,
                                  Map<String, List<String>> query, String body, String path, boolean force) {
        Clusters clusters = controlPlane.clusters();
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> RestResponse.ok(items(clusters.list(environmentId)));
                case "POST" -> {
                    JsonBody request = JsonBody.parse(body);
                    NewCluster cluster = new NewCluster(request.requiredText("id"), request.requiredInt("nodes"),
                            request.requiredText("version"),
                            orDefault(request.optionalText("cpu"), NewCluster.DEFAULT_CPU),
                            orDefault(request.optionalText("memory"), NewCluster.DEFAULT_MEMORY),
                            orDefault(request.optionalText("storage"), NewCluster.DEFAULT_STORAGE),
                            request.optionalNode("config"));
                    yield RestResponse.created(clusters.create(environmentId, cluster));
                }
                default -> methodNotAllowed(method, "GET, POST");
            };
        }
        String clusterId = rest.get(0);
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> RestResponse.ok(clusters.get(environmentId, clusterId));
                case "DELETE" -> clusters.delete(environmentId, clusterId, force)
                        .map(RestResponse::ok).orElseGet(RestResponse::noContent);
                default -> methodNotAllowed(method, "GET, DELETE");
            };
        }
        if (rest.size() != 2) {
            return notFound(path);
        }
        if (rest.get(1).equals("nodes")) {
            return get(method, () -> RestResponse.ok(items(details().nodes(environmentId, clusterId))));
        }
        if (rest.get(1).equals("logs")) {
            return get(method, () -> RestResponse.ok(controlPlane.clusterReads().logs(environmentId, clusterId,
                    logRequest(query))));
        }
        if (rest.get(1).equals("kubernetes-events")) {
            return get(method, () -> RestResponse.ok(items(controlPlane.clusterReads()
                    .kubernetesEvents(environmentId, clusterId))));
        }
        if (rest.get(1).equals("events")) {
            return get(method, () -> RestResponse.ok(items(details().events(environmentId, clusterId))));
        }
        if (rest.get(1).equals("metrics")) {
            return get(method, () -> RestResponse.ok(controlPlane.usage().metrics(environmentId, clusterId,
                    param(query, "window"))));
        }
        if (rest.get(1).equals("downscale-risk")) {
            return get(method, () -> RestResponse.ok(controlPlane.usage().downscaleRisk(environmentId, clusterId,
                    intParam(query, "nodes"), param(query, "memory"), param(query, "disk"))));
        }
        if (rest.get(1).equals("upgrade-path")) {
            String to = param(query, "to");
            return get(method, () -> RestResponse.ok(clusters.upgradePath(environmentId, clusterId, to)));
        }
        if (!method.equals("POST")) {
            return methodNotAllowed(method, "POST");
        }
        JsonBody request = JsonBody.parse(body);
        return switch (rest.get(1)) {
            case "scale" -> RestResponse.ok(clusters.scale(environmentId, clusterId, request.requiredInt("nodes")));
            case "version" -> RestResponse.ok(clusters.changeVersion(environmentId, clusterId,
                    request.requiredText("version")));
            case "resources" -> RestResponse.ok(clusters.changeResources(environmentId, clusterId,
                    request.optionalText("cpu"), request.optionalText("memory"), request.optionalText("storage")));
            case "config" -> {
                if (request.optionalNode("config") == null) {
                    throw new InvalidRequestException("field 'config' is required (a JSON object)");
                }
                yield RestResponse.ok(clusters.changeConfig(environmentId, clusterId, request.optionalNode("config")));
            }
            case "restart" -> RestResponse.ok(clusters.restart(environmentId, clusterId));
            case "suspend" -> RestResponse.ok(clusters.suspend(environmentId, clusterId));
            case "resume" -> RestResponse.ok(clusters.resume(environmentId, clusterId));
            default -> notFound(path);
        };
    }

    private static ClusterLogRequest logRequest(Map<String, List<String>> query) {
        String sinceTime = param(query, "sinceTime");
        java.time.Instant since;
        try {
            since = sinceTime == null ? null : java.time.Instant.parse(sinceTime);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRequestException("sinceTime must be an RFC 3339 time such as 2026-01-01T10:00:00Z, not \""
                    + sinceTime + "\"");
        }
        return new ClusterLogRequest(param(query, "node"), intParam(query, "tailLines"), intParam(query, "sinceSeconds"),
                since, "true".equals(param(query, "previous")));
    }

    private static String param(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private static Integer intParam(Map<String, List<String>> query, String name) {
        String value = param(query, name);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be a whole number, not \"" + value + "\"");
        }
    }

    private RestResponse backups(String method, String environmentId, List<String> rest, String body, String path) {
        Backups backups = controlPlane.backups();
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> RestResponse.ok(items(backups.listBackups(environmentId)));
                case "POST" -> {
                    JsonBody request = JsonBody.parse(body);
                    yield RestResponse.created(backups.takeBackup(environmentId, request.requiredText("clusterId"),
                            request.optionalInt("retentionHours")));
                }
                default -> methodNotAllowed(method, "GET, POST");
            };
        }
        if (rest.size() != 1) {
            return notFound(path);
        }
        return switch (method) {
            case "GET" -> RestResponse.ok(backups.getBackup(environmentId, rest.get(0)));
            case "DELETE" -> {
                backups.deleteBackup(environmentId, rest.get(0));
                yield RestResponse.noContent();
            }
            default -> methodNotAllowed(method, "GET, DELETE");
        };
    }

    private RestResponse schedules(String method, String environmentId, List<String> rest, String body, String path) {
        Backups backups = controlPlane.backups();
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> RestResponse.ok(items(backups.listSchedules(environmentId)));
                case "POST" -> {
                    JsonBody request = JsonBody.parse(body);
                    yield RestResponse.created(backups.createSchedule(environmentId, request.requiredText("clusterId"),
                            request.requiredText("schedule"), request.requiredInt("retentionHours")));
                }
                default -> methodNotAllowed(method, "GET, POST");
            };
        }
        if (rest.size() != 1) {
            return notFound(path);
        }
        if (!method.equals("DELETE")) {
            return methodNotAllowed(method, "DELETE");
        }
        backups.deleteSchedule(environmentId, rest.get(0));
        return RestResponse.noContent();
    }

    private RestResponse restores(String method, String environmentId, String body) {
        return switch (method) {
            case "GET" -> RestResponse.ok(items(controlPlane.backups().listRestores(environmentId)));
            case "POST" -> {
                JsonBody request = JsonBody.parse(body);
                yield RestResponse.created(controlPlane.backups().restore(environmentId,
                        request.requiredText("backupName"), request.requiredText("clusterId"),
                        request.optionalBoolean("newCluster")));
            }
            default -> methodNotAllowed(method, "GET, POST");
        };
    }

    private RestResponse agent(String environmentId) {
        EnvironmentView environment = controlPlane.environments().get(environmentId);
        return RestResponse.ok(AgentConnectionView.of(environment, controlPlane.gateway().presence(environmentId)));
    }

    private ClusterDetails details() {
        return new ClusterDetails(controlPlane.context(), controlPlane.clusters(), controlPlane.backups(),
                controlPlane.telemetry());
    }

    private static RestResponse get(String method, java.util.function.Supplier<RestResponse> read) {
        return method.equals("GET") ? read.get() : methodNotAllowed(method, "GET");
    }

    private static RestResponse post(String method, java.util.function.Supplier<RestResponse> action) {
        return method.equals("POST") ? action.get() : methodNotAllowed(method, "POST");
    }

    private static Map<String, Object> items(List<?> items) {
        return Map.of("items", items);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static RestResponse notFound(String path) {
        return RestResponse.error(404, "no such resource: " + path);
    }

    private static RestResponse methodNotAllowed(String method, String allowed) {
        return RestResponse.error(405, "method " + method + " is not allowed here; use " + allowed);
    }

    private static List<String> segments(String path) {
        String tail = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        return Arrays.stream(tail.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }
}
