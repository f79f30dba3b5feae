package io.qdranthybrid.harness.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.function.UnaryOperator;

/** A fresh simulated API server and a client in namespace {@code test} for each test. */
final class ApiServerFixture implements BeforeEachCallback, AfterEachCallback {

  private final List<CustomResourceDefinition> crds;
  private final UnaryOperator<Config> clientConfig;
  private SimulatedApiServer server;
  private KubernetesClient client;

  ApiServerFixture() {
    this(List.of(), config -> config);
  }

  ApiServerFixture(List<CustomResourceDefinition> crds) {
    this(crds, config -> config);
  }

  ApiServerFixture(List<CustomResourceDefinition> crds, UnaryOperator<Config> clientConfig) {
    this.crds = crds;
    this.clientConfig = clientConfig;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = SimulatedApiServer.start(crds);
    client = server.newClient(clientConfig.apply(server.clientConfig("test")));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    client.close();
    server.close();
  }

  SimulatedApiServer server() {
    return server;
  }

  KubernetesClient client() {
    return client;
  }

  RawHttp http() {
    return new RawHttp(server);
  }

  /** An informer on config maps of all namespaces that records the name of every object it sees added. */
  SharedIndexInformer<ConfigMap> informAdded(List<String> added) {
    return client.configMaps().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap obj) {
        added.add(obj.getMetadata().getName());
      }

      @Override
      public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
      }

      @Override
      public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
      }
    }, 0);
  }
}
