package io.qdranthybrid.platform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.KeyVerification;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.LogLevel;
import io.qdranthybrid.platform.environment.NamespaceLockedException;
import io.qdranthybrid.platform.environment.UnknownEnvironmentException;
import io.qdranthybrid.platform.session.SessionSettings;
import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.AccessKey;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.platform.PlatformFixture.secretOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapCommandGeneratorTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final PlatformFixture platform = new PlatformFixture(clock, SessionSettings.DEFAULT, 100);
    private final BootstrapSettings settings = new BootstrapSettings(URI.create("wss://cp.example.com/agent/v1"),
            "oci://ghcr.io/qdrant-hybrid/charts", "qdrant-hybrid-agent", "0.1.0", "ghcr.io/qdrant-hybrid",
            "hybrid-agent", null);
    private final BootstrapCommandGenerator generator = new BootstrapCommandGenerator(platform.registry, platform.keys,
            settings, clock);

    @Test
    void theCommandsCreateTheNamespaceTheKeySecretAndInstallTheAgent() {
        Environment environment = platform.environment("prod", "qdrant-prod");

        BootstrapCommands bootstrap = generator.generate(environment.id());

        List<String> commands = bootstrap.commands();
        assertThat(commands).hasSize(3);
        assertThat(commands.get(0)).startsWith("kubectl create namespace qdrant-prod ");
        assertThat(commands.get(1)).isEqualTo("kubectl apply --namespace qdrant-prod -f qdrant-hybrid-secrets.json");
        JsonNode secret = secretsIn(bootstrap).path("items").get(0);
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("qdrant-cloud-creds");
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("qdrant-prod");
        assertThat(secret.path("stringData").path("access-key").asText()).isEqualTo(bootstrap.accessKey().reveal());
        assertThat(commands.get(2))
                .startsWith("helm upgrade --install qdrant-hybrid-agent 'oci://ghcr.io/qdrant-hybrid/charts/qdrant-hybrid-agent'"
                        + " --version '0.1.0' --namespace qdrant-prod")
                .doesNotContain(bootstrap.accessKey().reveal());
        JsonNode values = chartValues(commands.get(2));
        assertThat(bootstrap.chartValues()).isEqualTo(values);
        // Worked out here, not with the code under test: the first 16 bytes of SHA-256 over the prefixed key, in hex.
        assertThat(values.path("podAnnotations").path("accessKeyHash").asText())
                .isEqualTo(expectedFingerprint(bootstrap.accessKey().reveal()))
                .hasSize(32);
        assertThat(values.path("controlPlaneUrl").asText()).isEqualTo("wss://cp.example.com/agent/v1");
        assertThat(values.path("environmentId").asText()).isEqualTo(environment.id());
        assertThat(values.path("logLevel").asText()).isEqualTo("INFO");
        assertThat(values.path("image").path("registry").asText()).isEqualTo("ghcr.io");
        assertThat(values.path("image").path("repository").asText()).isEqualTo("qdrant-hybrid/hybrid-agent");
        assertThat(values.path("image").has("pullSecrets")).isFalse();
        assertThat(values.has("proxy")).isFalse();
        assertThat(bootstrap.script()).startsWith("set -euo pipefail\n");
        assertThat(platform.registry.require(environment.id()).bootstrapped()).isTrue();
    }

    @Test
    void theKeyInTheCommandsVerifiesAndTheNextCallRotatesIt() {
        Environment environment = platform.environment("prod", "qdrant");

        AccessKey first = keyIn(generator.generate(environment.id()));
        assertThat(platform.keys.verify(environment.id(), first)).isEqualTo(KeyVerification.VALID);

        AccessKey second = keyIn(generator.generate(environment.id()));
        assertThat(second.keyId()).isNotEqualTo(first.keyId());
        assertThat(platform.keys.verify(environment.id(), first)).isEqualTo(KeyVerification.ROTATED);
        assertThat(platform.keys.verify(environment.id(), second)).isEqualTo(KeyVerification.VALID);
    }

    @Test
    void afterBootstrapTheNamespaceIsLocked() {
        Environment environment = platform.environment("prod", "qdrant");
        generator.generate(environment.id());

        assertThatThrownBy(() -> platform.registry.update(environment.id(), e -> e.withNamespace("elsewhere", clock.instant())))
                .isInstanceOf(NamespaceLockedException.class);
    }

    @Test
    void registryCredentialsBecomeAPullSecretAndAHelmLogin() throws Exception {
        BootstrapSettings withCredentials = new BootstrapSettings(settings.controlPlaneUrl(), settings.chartRepository(),
                settings.chartName(), settings.chartVersion(), settings.imageRegistry(), settings.imageName(),
                new RegistryCredentials("ghcr.io", "robot$env", "pull-p4ss'word"));
        Environment environment = platform.environment("prod", "qdrant");

        BootstrapCommands bootstrap = new BootstrapCommandGenerator(platform.registry, platform.keys, withCredentials, clock)
                .generate(environment.id());

        JsonNode pull = secretsIn(bootstrap).path("items").get(1);
        assertThat(pull.path("type").asText()).isEqualTo("kubernetes.io/dockerconfigjson");
        JsonNode auth = JSON.readTree(pull.path("stringData").path(".dockerconfigjson").asText()).path("auths").path("ghcr.io");
        assertThat(auth.path("username").asText()).isEqualTo("robot$env");
        assertThat(auth.path("password").asText()).isEqualTo("pull-p4ss'word");
        assertThat(bootstrap.commands()).anySatisfy(c -> assertThat(c).isEqualTo(
                "helm registry login 'ghcr.io' --username 'robot$env' --password-stdin < qdrant-registry-password"));
        assertThat(bootstrap.secretFiles()).containsEntry("qdrant-registry-password", "pull-p4ss'word\n");
        assertThat(bootstrap.commands()).noneMatch(c -> c.contains("p4ss"));
        assertThat(chartValues(bootstrap.commands().get(bootstrap.commands().size() - 1)).path("image").path("pullSecrets"))
                .extracting(JsonNode::asText).containsExactly("qdrant-registry-creds");
    }

    @Test
    void aMirroredEnvironmentInstallsFromTheMirrorWithItsOwnPullSecretAndSettings() {
        EnvironmentConfiguration config = EnvironmentConfiguration.builder()
                .registryMirror("registry.corp.example/qdrant", "oci://registry.corp.example/charts", "corp-pull")
                .proxy("http://proxy.corp:3128", "http://proxy.corp:3128", List.of(".svc", "10.0.0.0/8"))
                .storageClasses("fast-ssd", "", "csi-snapclass").logLevel(LogLevel.DEBUG)
                .controlPlaneLabels(Map.of("team", "search")).build();
        Environment environment = platform.registry.create("corp", "qdrant", config);

        List<String> commands = generator.generate(environment.id()).commands();
        String helm = commands.get(commands.size() - 1);

        assertThat(helm).contains("'oci://registry.corp.example/charts/qdrant-hybrid-agent'");
        JsonNode values = chartValues(helm);
        assertThat(values.path("image").path("registry").asText()).isEqualTo("registry.corp.example");
        assertThat(values.path("image").path("repository").asText()).isEqualTo("qdrant/hybrid-agent");
        assertThat(values.path("image").path("pullSecrets")).extracting(JsonNode::asText).containsExactly("corp-pull");
        assertThat(values.path("proxy").path("httpsProxy").asText()).isEqualTo("http://proxy.corp:3128");
        assertThat(values.path("proxy").path("noProxy").asText()).isEqualTo(".svc,.cluster.local,10.0.0.0/8");
        assertThat(values.path("logLevel").asText()).isEqualTo("DEBUG");
        assertThat(values.path("podLabels").path("team").asText()).isEqualTo("search");
        // Storage classes shape the operator's release, not the agent's.
        assertThat(helm).doesNotContain("fast-ssd");
    }

    @Test
    void extraCertificatesBecomeTheConfigMapTheChartMounts() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        Environment environment = platform.registry.create("ca", "qdrant",
                EnvironmentConfiguration.builder().caCertificates(pem).build());

        List<String> commands = generator.generate(environment.id()).commands();

        assertThat(commands).anySatisfy(c -> assertThat(c)
                .startsWith("kubectl create configmap qdrant-cloud-ca --namespace qdrant --from-literal=ca.crt='" + pem + "'"));
        JsonNode caBundle = chartValues(commands.get(commands.size() - 1)).path("caBundle");
        assertThat(caBundle.path("configMapName").asText()).isEqualTo("qdrant-cloud-ca");
        assertThat(caBundle.path("key").asText()).isEqualTo("ca.crt");
    }

    /** The chart values the helm command sets, one {@code --set-json key='json'} each, as one tree. */
    static JsonNode chartValues(String helm) {
        com.fasterxml.jackson.databind.node.ObjectNode values = JSON.createObjectNode();
        java.util.regex.Matcher setJson = java.util.regex.Pattern.compile("--set-json ([A-Za-z]+)='([^']*)'").matcher(helm);
        while (setJson.find()) {
            try {
                values.set(setJson.group(1), JSON.readTree(setJson.group(2)));
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + setJson.group(2), e);
            }
        }
        return values;
    }

    @Test
    void anUnknownEnvironmentGetsNoKey() {
        assertThatThrownBy(() -> generator.generate("nope")).isInstanceOf(UnknownEnvironmentException.class);
    }

    @Test
    void theSecretAppearsOnlyInTheCommandsNeverInLogsOrToString() {
        Environment environment = platform.environment("prod", "qdrant");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        BootstrapCommands bootstrap;
        try {
            bootstrap = generator.generate(environment.id());
            generator.generate(environment.id());
        } finally {
            System.setErr(originalErr);
        }
        String secret = secretOf(keyIn(bootstrap));

        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Generated bootstrap commands").doesNotContain(secret);
        assertThat(bootstrap.toString()).doesNotContain(secret);
        assertThat(bootstrap.script()).contains(secret);
        assertThat(bootstrap.commands()).as("no secret on a command line").noneMatch(c -> c.contains(secret));
    }

    @Test
    void theScriptWritesTheSecretFilesPrivatelyAndRemovesThem() {
        BootstrapCommands bootstrap = generator.generate(platform.environment("prod", "qdrant").id());

        assertThat(bootstrap.script()).startsWith("set -euo pipefail\numask 077\n")
                .contains("trap 'rm -rf \"$QDRANT_BOOTSTRAP_DIR\"' EXIT")
                .contains("cat > qdrant-hybrid-secrets.json <<'QDRANT_HYBRID_EOF'\n{")
                .endsWith(String.join("\n", bootstrap.commands()) + "\n");
    }

    @Test
    void aBootstrapThatFailsBeforeTheEndMintsNoKeyAndLeavesTheAgentConnected() {
        Environment environment = platform.environment("prod", "qdrant");
        AccessKey working = keyIn(generator.generate(environment.id()));
        io.qdranthybrid.platform.environment.EnvironmentRegistry failing =
                new io.qdranthybrid.platform.environment.EnvironmentRegistry() {
                    @Override
                    public Environment create(String name, String namespace, EnvironmentConfiguration configuration) {
                        return platform.registry.create(name, namespace, configuration);
                    }

                    @Override
                    public java.util.Optional<Environment> find(String id) {
                        return platform.registry.find(id);
                    }

                    @Override
                    public List<Environment> list() {
                        return platform.registry.list();
                    }

                    @Override
                    public Environment update(String id, java.util.function.UnaryOperator<Environment> change) {
                        throw new IllegalStateException("the environment database is down");
                    }

                    @Override
                    public boolean delete(String id) {
                        return platform.registry.delete(id);
                    }
                };

        assertThatThrownBy(() -> new BootstrapCommandGenerator(failing, platform.keys, settings, clock)
                .generate(environment.id())).hasMessageContaining("database is down");

        assertThat(platform.keys.verify(environment.id(), working)).isEqualTo(KeyVerification.VALID);
    }

    private static AccessKey keyIn(BootstrapCommands bootstrap) {
        return AccessKey.parse(secretsIn(bootstrap).path("items").get(0).path("stringData").path("access-key").asText());
    }

    private static JsonNode secretsIn(BootstrapCommands bootstrap) {
        try {
            return JSON.readTree(bootstrap.secretFiles().get(BootstrapCommandGenerator.SECRETS_FILE));
        } catch (java.io.IOException e) {
            throw new AssertionError("the secrets file is not JSON", e);
        }
    }


    private static String expectedFingerprint(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("qdrant-hybrid-access-key-fingerprint:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                hex.append(String.format("%02x", digest[i] & 0xff));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
