package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Routes each HTTP request of the Kubernetes API to discovery, reads, watches or {@link ObjectWrites},
 * after journaling it and giving injected faults their chance. Replaces fabric8's CRUD dispatcher, whose
 * single attribute map is scanned on every request and keeps no event history.
 */
final class ApiServerDispatcher extends Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServerDispatcher.class);
  private static final String VERSION_JSON = "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.4+k3s1\","
      + "\"gitCommit\":\"simulated\",\"gitTreeState\":\"clean\",\"buildDate\":\"2024-12-01T00:00:00Z\","
      + "\"goVersion\":\"go1.22.9\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}";

  /** Discovery requests are journaled as reads of no particular resource. */
  private static final ApiCall DISCOVERY_CALL = new ApiCall(Verb.GET, "", "", "", null, null, null, 0, "");

  private final ObjectMapper mapper;
  private final ResourceTypes types;
  private final ObjectStore store;
  private final ObjectWrites storedWrites;
  private final RequestJournal journal;
  private final ApiFaults faults;
  private final CustomResourceRegistrar crds;
  private final OpenApiDocuments openApi;
  private final AccessControl access;
  private final ApiServerCpu cpu;
  /** The nodes' kubelets, which keep the containers' logs; set once the simulated kubelet runs. */
  private volatile PodLogSource podLogs = PodLogSource.NONE;

  ApiServerDispatcher(ObjectMapper mapper, ResourceTypes types, ObjectStore store, ObjectWrites writes,
                      RequestJournal journal, ApiFaults faults, CustomResourceRegistrar crds, AccessControl access,
                      ApiServerCpu cpu) {
    this.access = access;
    this.cpu = cpu;
    this.mapper = mapper;
    this.types = types;
    this.store = store;
    this.storedWrites = writes;
    this.journal = journal;
    this.faults = faults;
    this.crds = crds;
    this.openApi = new OpenApiDocuments(mapper, types);
  }

  void serveLogsFrom(PodLogSource source) {
    this.podLogs = source;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    long startedAt = cpu.now();
    MockResponse response;
    ApiCall call = null;
    ResponseWarnings.reset();
    try {
      ApiPath path = ApiPath.parse(request.getPath());
      call = path instanceof ApiPath.Resource resource ? describe(request.getMethod(), resource) : DISCOVERY_CALL;
      ObjectNode review = access.enter(request, path, call.verb());
      if (review != null) {
        response = json(201, review.toString());
      } else if (path instanceof ApiPath.Resource resource) {
        FieldValidation.begin(resource.param("fieldValidation"));
        response = resource(request, resource, call.verb());
      } else {
        response = discovery((ApiPath.Discovery) path, request.getHeader("Accept"));
      }
    } catch (ApiException e) {
      response = error(e);
    } catch (RuntimeException e) {
      LOG.error("simulated API server failed on {} {}", request.getMethod(), request.getPath(), e);
      response = error(new ApiException(500, "InternalError", "simulated API server failure: " + e, null, null, null));
    }
    for (String warning : ResponseWarnings.drain()) {
      response.addHeader("Warning", warning);
    }
    if (call != null) {
      journal.record(call.withCode(response.getWebSocketListener() != null ? 101 : response.code())
          .withClient(request.getHeader("User-Agent")).withUser(access.currentUser()));
    }
    access.leave();
    long latency = faults.nextLatencyMillis();
    if (latency > 0 && response.getWebSocketListener() == null) {
      response.setBodyDelay(latency, TimeUnit.MILLISECONDS);
    }
    cpu.requestHandled(startedAt);
    return response;
  }

  private MockResponse discovery(ApiPath.Discovery discovery, String accept) {
    String path = discovery.path().replaceAll("/+$", "");
    String[] s = path.replaceAll("^/+", "").split("/");
    String body;
    if (path.isEmpty()) {
      body = "{\"paths\":[\"/api\",\"/api/v1\",\"/apis\",\"/openapi/v2\",\"/openapi/v3\",\"/version\",\"/healthz\","
          + "\"/readyz\",\"/livez\"]}";
    } else if (path.equals("/openapi/v2")) {
      if (accept != null && !accept.contains("json") && !accept.contains("*/*")) {
        // Only JSON is served; client-go asks for protobuf and falls back when told 406 (discovery_client.go).
        throw new ApiException(406, "NotAcceptable", "only the following media types are accepted: application/json",
            null, null, null);
      }
      body = openApi.v2().toString();
    } else if (path.equals("/openapi/v3")) {
      body = openApi.v3Index().toString();
    } else if (s.length == 4 && s[0].equals("openapi") && s[1].equals("v3") && s[2].equals("api")) {
      body = jsonOrNull(openApi.v3GroupVersion("", s[3]));
    } else if (s.length == 5 && s[0].equals("openapi") && s[1].equals("v3") && s[2].equals("apis")) {
      body = jsonOrNull(openApi.v3GroupVersion(s[3], s[4]));
    } else if (path.equals("/version")) {
      body = VERSION_JSON;
    } else if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez")) {
      return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody("ok");
    } else if (path.equals("/api")) {
      body = types.coreVersionsJson(mapper);
    } else if (s.length == 2 && s[0].equals("api")) {
      body = s[1].equals("v1") ? types.resourceListJson(mapper, "", "v1") : null;
    } else if (path.equals("/apis")) {
      body = types.groupListJson(mapper);
    } else if (s.length == 2 && s[0].equals("apis")) {
      body = types.groupJson(mapper, s[1]);
    } else if (s.length == 3 && s[0].equals("apis")) {
      body = types.servesGroupVersion(s[1], s[2]) ? types.resourceListJson(mapper, s[1], s[2]) : null;
    } else {
      body = null;
    }
    if (body == null) {
      throw ApiException.pathNotFound();
    }
    return json(200, body);
  }

  private static String jsonOrNull(JsonNode node) {
    return node == null ? null : node.toString();
  }

  private ApiCall describe(String method, ApiPath.Resource path) {
    String kind = types.find(path.group(), path.version(), path.plural()).map(ResourceType::kind).orElse("");
    return new ApiCall(verbOf(method, path), path.group(), path.plural(), kind, path.namespace(), path.name(),
        path.subresource(), 0, "");
  }

  private MockResponse resource(RecordedRequest request, ApiPath.Resource path, Verb verb) {
    ResourceType type = types.find(path.group(), path.version(), path.plural()).orElse(null);
    if (type == null) {
      throw ApiException.pathNotFound();
    }
    if (!type.namespaced() && path.namespace() != null) {
      throw ApiException.pathNotFound();
    }
    if (type.namespaced() && path.namespace() == null && path.name() != null) {
      throw ApiException.pathNotFound();
    }
    ApiException injected = faults.failureFor(verb, type, path.name());
    if (injected != null) {
      throw injected;
    }
    String sub = path.subresource();
    boolean knownSubresource = sub == null || sub.equals("status") && type.statusSubresource()
        || sub.equals("scale") && type.scale() != null
        || sub.equals("log") && isPods(type);
    if (!knownSubresource) {
      throw ApiException.pathNotFound();
    }
    if ("log".equals(sub)) {
      if (verb != Verb.GET) {
        throw ApiException.methodNotAllowed(verb + " is not allowed on pods/log; only get");
      }
      return podLog(type, path);
    }
    ObjectWrites writes = writesFor(path).as(FieldManagement.managerOf(path.param("fieldManager"),
        request.getHeader("User-Agent")), "true".equals(path.param("force")));
    return switch (verb) {
      case GET -> get(type, path, request.getHeader("Accept"));
      case LIST -> list(type, path, request.getHeader("Accept"));
      case WATCH -> watch(type, path);
      case CREATE -> create(writes, type, path, request);
      case UPDATE -> update(writes, type, path, request);
      case PATCH -> patch(writes, type, path, request);
      case DELETE -> delete(writes, type, path, request);
      case DELETECOLLECTION -> deleteCollection(writes, type, path, request);
    };
  }

  private static boolean isPods(ResourceType type) {
    return type.group().isEmpty() && type.plural().equals("pods");
  }

  /**
   * {@code pods/log}: the pod must exist (404 otherwise), the container defaults to the only one, and the log is read
   * from the pod's node as {@code LogLocation} in pkg/registry/core/pod/strategy.go resolves it; errors a kubelet
   * returns (no previous container, not started) come back as 400 with its message.
   */
  private MockResponse podLog(ResourceType type, ApiPath.Resource path) {
    StoredObject pod = store.get(type, path.namespace(), path.name());
    if (pod == null) {
      throw ApiException.notFound(type, path.name());
    }
    PodLogOptions options = PodLogOptions.parse(path.name(), path.query(), java.time.Instant.now());
    List<String> containers = new ArrayList<>();
    pod.node().path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
    String container = options.container();
    if (container == null) {
      if (containers.size() != 1) {
        throw ApiException.badRequest("a container name must be specified for pod " + path.name()
            + ", choose one of: " + containers);
      }
      container = containers.get(0);
    } else if (!containers.contains(container)) {
      throw ApiException.badRequest("container " + container + " is not valid for pod " + path.name());
    }
    PodLogSource.Logs logs = podLogs.logs(path.namespace(), path.name(), container).orElse(null);
    io.qdranthybrid.harness.runtime.ContainerLog log;
    if (options.previous()) {
      // kubelet_pods.go validateContainerLogStatus
      log = logs == null ? null : logs.previousIfAny().orElse(null);
      if (log == null) {
        throw ApiException.badRequest("previous terminated container \"" + container + "\" in pod \""
            + path.name() + "\" not found");
      }
    } else {
      if (logs == null) {
        throw ApiException.badRequest("container \"" + container + "\" in pod \"" + path.name()
            + "\" is waiting to start: ContainerCreating");
      }
      log = logs.current();
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
        .setBody(options.render(log.lines()));
  }

  private ObjectWrites writesFor(ApiPath.Resource path) {
    String dryRun = path.param("dryRun");
    if (dryRun == null) {
      return storedWrites;
    }
    if (!dryRun.equals("All")) {
      throw ApiException.badRequest("dryRun \"" + dryRun + "\" is not supported; the only valid value is All");
    }
    return storedWrites.dryRun();
  }

  private static Verb verbOf(String method, ApiPath.Resource path) {
    return switch (method) {
      case "GET" -> path.flag("watch") ? Verb.WATCH : path.name() == null ? Verb.LIST : Verb.GET;
      case "POST" -> Verb.CREATE;
      case "PUT" -> Verb.UPDATE;
      case "PATCH" -> Verb.PATCH;
      case "DELETE" -> path.name() == null ? Verb.DELETECOLLECTION : Verb.DELETE;
      default -> throw ApiException.methodNotAllowed("method " + method + " is not supported");
    };
  }

  private MockResponse get(ResourceType type, ApiPath.Resource path, String accept) {
    StoredObject object = store.get(type, path.namespace(), path.name());
    if (object == null) {
      throw ApiException.notFound(type, path.name());
    }
    if ("scale".equals(path.subresource())) {
      return json(200, ScaleView.of(type, object).toString());
    }
    if (TableView.requested(accept) && path.subresource() == null) {
      return json(200, TableView.of(types, type).table(mapper, List.of(object.node()),
          object.node().path("metadata").path("resourceVersion").asText(null), null, true,
          path.param("includeObject")).toString());
    }
    return json(200, object.json());
  }

  private MockResponse list(ResourceType type, ApiPath.Resource path, String accept) {
    String rv = path.param("resourceVersion");
    if ("Exact".equals(path.param("resourceVersionMatch")) && rv != null && !rv.isEmpty()) {
      store.requireRetained(type, ObjectStore.parseResourceVersion(rv));
    }
    String continueParam = path.param("continue");
    ListPage.ContinueToken after = null;
    if (continueParam != null && !continueParam.isEmpty()) {
      after = ListPage.ContinueToken.decode(continueParam);
      if (after.resourceVersion() < store.compactedThrough()) {
        throw new ApiException(410, "Expired", ListPage.EXPIRED_MESSAGE, type, null, null);
      }
    }
    ListPage page = ListPage.of(store.list(type, path.namespace(), selector(path)), limit(path), after);
    if (TableView.requested(accept)) {
      List<JsonNode> objects = new ArrayList<>();
      page.items().forEach(item -> objects.add(item.node()));
      return json(200, TableView.of(types, type).table(mapper, objects, String.valueOf(page.resourceVersion()),
          page.continueToken(), true, path.param("includeObject")).toString());
    }
    StringBuilder body = new StringBuilder(128 + page.items().size() * 1024);
    body.append("{\"apiVersion\":\"").append(type.apiVersion()).append("\",\"kind\":\"").append(type.kind())
        .append("List\",\"metadata\":{\"resourceVersion\":\"").append(page.resourceVersion()).append('"');
    if (page.continueToken() != null) {
      body.append(",\"continue\":\"").append(page.continueToken()).append("\",\"remainingItemCount\":")
          .append(page.remaining());
    }
    body.append("},\"items\":[");
    for (int i = 0; i < page.items().size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(page.items().get(i).json());
    }
    return json(200, body.append("]}").toString());
  }

  private static int limit(ApiPath.Resource path) {
    String limit = path.param("limit");
    if (limit == null || limit.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(limit));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit \"" + limit + "\" is not a number");
    }
  }

  private MockResponse watch(ResourceType type, ApiPath.Resource path) {
    Selector selector = selector(path);
    WatchStream stream = new WatchStream(store, type, path.namespace(), path.name(), selector,
        path.param("resourceVersion"));
    return new MockResponse().withWebSocketUpgrade(stream);
  }

  private MockResponse create(ObjectWrites writes, ResourceType type, ApiPath.Resource path, RecordedRequest request) {
    if (path.subresource() != null || path.name() != null) {
      throw ApiException.methodNotAllowed("POST is only allowed on a collection of " + type.qualifiedName());
    }
    crds.checkCreateAllowed(type);
    ObjectNode body = readJson(request);
    StoredObject created = writes.create(type, path.namespace(), body);
    crds.afterWrite(type, created.name());
    return json(201, created.json());
  }

  private MockResponse update(ObjectWrites writes, ResourceType type, ApiPath.Resource path, RecordedRequest request) {
    ObjectNode body = readJson(request);
    StoredObject updated = switch (path.subresource() == null ? "" : path.subresource()) {
      case "status" -> writes.updateStatus(type, path.namespace(), path.name(), body);
      case "scale" -> writes.updateScale(type, path.namespace(), path.name(), body);
      default -> writes.update(type, path.namespace(), path.name(), body);
    };
    return afterWrite(type, path, updated);
  }

  private MockResponse patch(ObjectWrites writes, ResourceType type, ApiPath.Resource path, RecordedRequest request) {
    String mediaType = Patches.mediaType(request.getHeader("Content-Type"));
    if (mediaType.equals(Patches.APPLY_PATCH)) {
      String manager = path.param("fieldManager");
      if (manager == null || manager.isEmpty()) {
        throw ApiException.badRequest("PATCH " + type.qualifiedName() + " \"" + path.name()
            + "\": fieldManager is required for apply requests");
      }
    }
    String body = request.getUtf8Body();
    StoredObject patched = "scale".equals(path.subresource())
        ? writes.patchScale(type, path.namespace(), path.name(), mediaType, body)
        : writes.patch(type, path.namespace(), path.name(), mediaType, body, "status".equals(path.subresource()));
    return afterWrite(type, path, patched);
  }

  private MockResponse afterWrite(ResourceType type, ApiPath.Resource path, StoredObject result) {
    crds.afterWrite(type, path.name());
    if ("scale".equals(path.subresource())) {
      return json(200, ScaleView.of(type, result).toString());
    }
    return json(200, result.json());
  }

  private MockResponse delete(ObjectWrites writes, ResourceType type, ApiPath.Resource path, RecordedRequest request) {
    if (path.subresource() != null) {
      throw ApiException.methodNotAllowed("DELETE is not allowed on " + path.subresource());
    }
    DeleteOptions options = DeleteOptions.from(readOptionalJson(request), path.param("gracePeriodSeconds"),
        path.param("propagationPolicy"));
    StoredObject result = writes.delete(type, path.namespace(), path.name(), options);
    crds.afterWrite(type, path.name());
    boolean pending = result.node().path("metadata").hasNonNull("deletionTimestamp");
    return json(pending ? 202 : 200, result.json());
  }

  private MockResponse deleteCollection(ObjectWrites writes, ResourceType type, ApiPath.Resource path, RecordedRequest request) {
    DeleteOptions options = DeleteOptions.from(readOptionalJson(request), path.param("gracePeriodSeconds"),
        path.param("propagationPolicy"));
    List<String> deleted = new ArrayList<>();
    for (StoredObject object : store.list(type, path.namespace(), selector(path)).items()) {
      try {
        StoredObject result = writes.delete(type, object.namespace().isEmpty() ? null : object.namespace(),
            object.name(), options);
        crds.afterWrite(type, object.name());
        deleted.add(result.json());
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return json(200, "{\"apiVersion\":\"" + type.apiVersion() + "\",\"kind\":\"" + type.kind()
        + "List\",\"metadata\":{\"resourceVersion\":\"" + store.resourceVersion() + "\"},\"items\":["
        + String.join(",", deleted) + "]}");
  }

  private static Selector selector(ApiPath.Resource path) {
    return Selector.parse(path.param("labelSelector"), path.param("fieldSelector"));
  }

  private ObjectNode readJson(RecordedRequest request) {
    return readJson(request.getUtf8Body());
  }

  /** The request body is read once: reading consumes fabric8's buffer. */
  private ObjectNode readJson(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("the request body is empty; expected a JSON object");
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (!(node instanceof ObjectNode object)) {
        throw ApiException.badRequest("the request body must be a JSON object");
      }
      return object;
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("the request body is not valid JSON: " + e.getMessage());
    }
  }

  private ObjectNode readOptionalJson(RecordedRequest request) {
    String body = request.getUtf8Body();
    return body == null || body.isBlank() ? mapper.createObjectNode() : readJson(body);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  private static MockResponse error(ApiException e) {
    MockResponse response = json(e.code(), e.toStatus().toString());
    if (e.retryAfterSeconds() != null) {
      response.setHeader("Retry-After", e.retryAfterSeconds());
    }
    return response;
  }
}
