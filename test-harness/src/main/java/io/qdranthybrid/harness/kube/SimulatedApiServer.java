package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.qdranthybrid.harness.concurrent.NamedDaemonThreads;
import io.qdranthybrid.harness.kube.auth.Authenticator;
import io.qdranthybrid.harness.kube.podsecurity.PodSecurityAdmission;
import io.qdranthybrid.harness.kube.auth.RbacAuthorizer;
import io.qdranthybrid.harness.kube.auth.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A simulated Kubernetes API server on loopback: a Vert.x HTTP/websocket server (as fabric8's mock server, plus
 * watches streamed over plain HTTP) driven by a dispatcher that behaves like the real API server where operators depend on it (status and scale
 * subresources, generation, optimistic concurrency, watch history and 410, finalizers, admission),
 * with a request journal and fault injection for tests and benchmarks.
 *
 * <p>Custom resources are held to their CRD's structural schema on every write (create, update, all patch types,
 * server-side apply, /status, /scale) as apiextensions-apiserver does, by {@code harness.kube.schema}: unknown
 * fields are pruned (each reported in a {@code Warning: 299 - "unknown field "spec.x""} header, or refused with
 * {@code fieldValidation=Strict}), defaults applied (and re-applied to stored objects when a CRD changes, as the real
 * server defaults on read), then {@code type}, {@code format}, {@code enum}, {@code required}, bounds, lengths,
 * {@code pattern}, item and property counts, {@code nullable}, {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not},
 * list-type uniqueness and {@code x-kubernetes-validations} CEL rules are checked, refusing with 422 Invalid, the real message and one
 * {@code details.causes[]} entry per violation.
 *
 * <p>Deleting a CRD deletes its custom resources first, behind the {@code customresourcecleanup.apiextensions.k8s.io}
 * finalizer and a Terminating condition ({@code CustomResourceCleanup}); a strategic merge patch of a custom
 * resource is refused with 415, as the real CRD handler offers only JSON patch, merge patch and apply.
 *
 * <p>Like a real API server it tracks field ownership in {@code metadata.managedFields} (server-side apply with
 * conflicts, {@code force} and removal of fields a manager stops applying; Update entries for every other write;
 * see {@code apply.FieldManager}) and defaults, allocates, checks immutability of and canonically serialises the
 * built-in kinds our components write ({@code builtin.BuiltinKinds}).
 *
 * <p>Where it knowingly differs from a real API server: built-in kinds are checked only for the rules in
 * {@code builtin} (no full ValidatePod & co., no ServiceAccount or priority admission on pods); the merge rules
 * of built-in kinds come from a table of their list markers rather than the generated OpenAPI schemas, so a list
 * not in that table is atomic; managedFields entries are keyed by manager, operation and subresource (not by
 * apiVersion too), and managedFields sent inside an apply configuration are ignored; CRD schemas themselves are not
 * validated when a CRD is written (a CEL rule that does not compile reports its compile error on every write); CEL
 * rules see {@code self} untyped and have no cost limits; of the Kubernetes CEL libraries, lists, regex, URL and
 * quantity are there ({@code schema.KubernetesCelLibrary}) but IP, CIDR, format, semver and authz are not;
 * {@code anyOf} and {@code oneOf} report the branch with the fewest errors where kube-openapi picks the one with the
 * most passed checks; validation ratcheting is off; stored
 * objects are defaulted once when their CRD changes rather than on each read, so watch events already in history
 * keep their old form; namespaces need not exist and deleting one deletes nothing;
 * pods without finalizers are deleted at once (no kubelet-confirmed graceful deletion);
 * a deleted CRD's custom resources are deleted within the DELETE request rather than by a controller a moment later;
 * watches send no BOOKMARK events; CRD versions are not converted (objects keep the apiVersion they were
 * written with); paginated lists read the current state rather than a snapshot.
 *
 * <pre>
 * try (SimulatedApiServer api = SimulatedApiServer.start();
 *      KubernetesClient client = api.newClient("test")) { ... }
 * </pre>
 */
public final class SimulatedApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedApiServer.class);
  /** Events retained per resource type for watches that resume from a resourceVersion. */
  public static final int DEFAULT_HISTORY_PER_TYPE = 10_000;

  private final ApiHttpServer server;
  private final int port;
  private final int tlsPort;
  private final ResourceTypes types;
  private final RequestJournal journal;
  private final ApiFaults faults;
  private final AdmissionRules admission;
  private final CustomResourceRegistrar crds;
  private final AccessControl access;
  private final ObjectStore store;
  private final ApiServerCpu cpu = new ApiServerCpu();
  private final ApiServerDispatcher dispatcher;

  private SimulatedApiServer(List<CustomResourceDefinition> extraCrds, int historyPerType) {
    ObjectMapper mapper = new ObjectMapper();
    types = new ResourceTypes();
    store = new ObjectStore(mapper, historyPerType);
    journal = new RequestJournal();
    faults = new ApiFaults(store);
    admission = new AdmissionRules(mapper);
    ObjectWrites writes = new ObjectWrites(store, admission, new Patches(mapper), new DefaultStorageClassAdmission(
        store, types.find("storage.k8s.io", "v1", "storageclasses").orElseThrow()), cpu);
    access = new AccessControl(mapper, store, types, admission);
    ResourceType namespaces = types.find("", "v1", "namespaces").orElseThrow();
    admission.register("Pod", AdmissionRules.Rejection.FORBIDDEN, new PodSecurityAdmission(namespace -> {
      StoredObject stored = store.get(namespaces, null, namespace);
      return stored == null ? null : stored.node().path("metadata").path("labels");
    }));
    AccessControl.installBootstrapPolicy(mapper, writes, types);
    crds = new CustomResourceRegistrar(mapper, types, store, writes);
    extraCrds.forEach(crds::install);
    dispatcher = new ApiServerDispatcher(mapper, types, store, writes, journal, faults, crds, access,
        cpu);
    server = new ApiHttpServer(dispatcher, TableWatchFrames.factory(mapper, types));
    port = server.start(InetAddress.getLoopbackAddress(), 0);
    tlsPort = server.startTls(InetAddress.getLoopbackAddress(), ServingCertificate.INSTANCE.certificatePem(),
        ServingCertificate.INSTANCE.privateKeyPem());
    journal.reset();
    LOG.info("simulated API server listening on {} with {} custom resource definitions", url(), extraCrds.size());
  }

  /**
   * Starts a server with the built-in kinds of a k3s cluster and no CustomResourceDefinition, like a fresh cluster:
   * a custom kind is served once its CRD is created through the API.
   */
  public static SimulatedApiServer start() {
    return new SimulatedApiServer(List.of(), DEFAULT_HISTORY_PER_TYPE);
  }

  /** Starts a server and creates the given CRDs in it, as if applied right after start-up. */
  public static SimulatedApiServer start(List<CustomResourceDefinition> extraCrds) {
    return new SimulatedApiServer(List.copyOf(extraCrds), DEFAULT_HISTORY_PER_TYPE);
  }

  /** Starts a server retaining at most {@code historyPerType} watch events per resource type. */
  public static SimulatedApiServer start(List<CustomResourceDefinition> extraCrds, int historyPerType) {
    if (historyPerType < 1) {
      throw new IllegalArgumentException("historyPerType must be at least 1, got " + historyPerType);
    }
    return new SimulatedApiServer(List.copyOf(extraCrds), historyPerType);
  }

  /** Serves {@code pods/log} from {@code source}, the simulated nodes' kubelets; until then no container has a log. */
  public void serveLogsFrom(PodLogSource source) {
    dispatcher.serveLogsFrom(source);
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
  }

  /**
   * The same API over TLS, as a real cluster serves it, with a certificate signed by {@link #certificateAuthorityPem()}.
   * Kubeconfigs for other processes point here: kubectl sends no credentials over plain HTTP.
   */
  public String tlsUrl() {
    return "https://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + tlsPort;
  }

  /** The CA that signed the serving certificate of {@link #tlsUrl()}, PEM. */
  public String certificateAuthorityPem() {
    return ServingCertificate.INSTANCE.authorityPem();
  }

  /** Creates (or updates) a CRD as a client would; its kind is served from now on. */
  public void registerCrd(CustomResourceDefinition crd) {
    crds.install(crd);
  }

  public ResourceTypes resourceTypes() {
    return types;
  }

  /**
   * The resourceVersion of the last write to each of the named resources ({@code plural} or {@code plural.group},
   * as {@link ResourceType#storageKey()}), 0 for one never written or not served: a mark a watcher of them has
   * seen everything written so far once it has seen these versions.
   */
  public Map<String, Long> lastWrites(Collection<String> resources) {
    Map<String, Long> marks = new HashMap<>();
    for (String resource : resources) {
      marks.put(resource, types.all().stream().filter(type -> type.storageKey().equals(resource)).findFirst()
          .map(store::lastWrite).orElse(0L));
    }
    return Map.copyOf(marks);
  }

  /** CPU spent handling requests and, within it, admitting custom resources against their schemas. */
  public ApiServerCpu cpu() {
    return cpu;
  }

  public RequestJournal journal() {
    return journal;
  }

  public ApiFaults faults() {
    return faults;
  }

  public AdmissionRules admission() {
    return admission;
  }

  /** Client configuration for this server with the given default namespace, to adjust and build from. */
  public Config clientConfig(String namespace) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace(namespace)
        .withTrustCerts(true)
        .withOauthToken(Authenticator.ADMIN_TOKEN)
        .build();
  }

  /** Client configuration authenticating with {@code token} (see {@link #tokenFor}, {@link #tokenForUser}). */
  public Config clientConfig(String namespace, String token) {
    Config config = clientConfig(namespace);
    config.setOauthToken(token);
    return config;
  }

  /**
   * The bearer token of ServiceAccount {@code name} in {@code namespace}, which must exist; requests with it
   * authenticate as {@code system:serviceaccount:<namespace>:<name>} until the ServiceAccount is deleted.
   */
  public String tokenFor(String namespace, String serviceAccount) {
    return access.authenticator().tokenForServiceAccount(namespace, serviceAccount);
  }

  /** A bearer token for a user that is not a ServiceAccount, e.g. a controller's own identity. */
  public String tokenForUser(UserInfo user) {
    return access.authenticator().tokenForUser(user);
  }

  /** A client authenticating as ServiceAccount {@code serviceAccount} of {@code namespace}, in that namespace. */
  public KubernetesClient newClientAs(String namespace, String serviceAccount) {
    return newClient(clientConfig(namespace, tokenFor(namespace, serviceAccount)));
  }

  /** The RBAC authorizer: what a user may do, for tests that check rights without a request. */
  public RbacAuthorizer authorizer() {
    return access.authorizer();
  }

  public KubernetesClient newClient() {
    return newClient("default");
  }

  /** A new client over the OkHttp transport, as an operator would build one against a real cluster. */
  public KubernetesClient newClient(String namespace) {
    return newClient(clientConfig(namespace));
  }

  public KubernetesClient newClient(Config config) {
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new OkHttpClientFactory()).build();
  }

  /**
   * A client whose HTTP threads are named {@code threadPrefix-http-N} and whose informer tasks run on threads named
   * {@code threadPrefix-tasks-N}, so a thread dump or a CPU-per-thread measurement can tell this client apart.
   */
  public KubernetesClient newClient(Config config, String threadPrefix) {
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new NamedThreadsOkHttpClientFactory(threadPrefix))
        .withTaskExecutorSupplier(() -> Executors.newCachedThreadPool(NamedDaemonThreads.named(threadPrefix + "-tasks")))
        .build();
  }

  /** A kubeconfig document pointing at this server, for processes that read KUBECONFIG. */
  public String kubeconfig() {
    return kubeconfig("default", Authenticator.ADMIN_TOKEN);
  }

  /** A kubeconfig for ServiceAccount {@code serviceAccount}, its namespace as the context's namespace. */
  public String kubeconfigFor(String namespace, String serviceAccount) {
    return kubeconfig(namespace, tokenFor(namespace, serviceAccount));
  }

  private String kubeconfig(String namespace, String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: simulated
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: simulated
          user:
            token: %s
        contexts:
        - name: simulated
          context:
            cluster: simulated
            user: simulated
            namespace: %s
        current-context: simulated
        """.formatted(tlsUrl(), java.util.Base64.getEncoder().encodeToString(
            certificateAuthorityPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)), token, namespace);
  }

  @Override
  public void close() {
    faults.closeAllWatches();
    server.close();
    LOG.info("simulated API server on {} stopped", url());
  }
}
