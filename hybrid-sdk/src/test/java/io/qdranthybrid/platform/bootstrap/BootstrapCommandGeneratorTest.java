package io.qdranthybrid.platform.bootstrap;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.qdranthybrid.platform.PlatformFixture.secretOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapCommandGeneratorTest {

    private static final Pattern KEY_IN_COMMAND = Pattern.compile("--from-literal=access-key='([^']+)'");

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
        assertThat(commands.get(1)).startsWith("kubectl create secret generic qdrant-cloud-creds --namespace qdrant-prod"
                + " --from-literal=access-key='");
        assertThat(commands.get(2))
                .startsWith("helm upgrade --install qdrant-hybrid-agent 'oci://ghcr.io/qdrant-hybrid/charts/qdrant-hybrid-agent'"
                        + " --version '0.1.0' --namespace qdrant-prod")
                .contains("--set podAnnotations.accessKeyHash=" + AccessKeys.fingerprint(bootstrap.accessKey()))
                .contains("\"controlPlaneUrl\":\"wss://cp.example.com/agent/v1\"")
                .contains("\"environmentId\":\"" + environment.id() + "\"")
                .contains("\"logLevel\":\"INFO\"")
                .contains("--set-json image='{\"repository\":\"ghcr.io/qdrant-hybrid/hybrid-agent\"}'")
                .doesNotContain("imagePullSecrets");
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
    void registryCredentialsBecomeAPullSecretAndAHelmLogin() {
        BootstrapSettings withCredentials = new BootstrapSettings(settings.controlPlaneUrl(), settings.chartRepository(),
                settings.chartName(), settings.chartVersion(), settings.imageRegistry(), settings.imageName(),
                new RegistryCredentials("ghcr.io", "robot$env", "pull-p4ss'word"));
        Environment environment = platform.environment("prod", "qdrant");

        BootstrapCommands bootstrap = new BootstrapCommandGenerator(platform.registry, platform.keys, withCredentials, clock)
                .generate(environment.id());

        assertThat(bootstrap.commands()).anySatisfy(c -> assertThat(c)
                .startsWith("kubectl --namespace qdrant create secret docker-registry qdrant-registry-creds")
                .contains("--docker-username='robot$env'").contains("--docker-password='pull-p4ss'\\''word'"));
        assertThat(bootstrap.commands()).anySatisfy(c -> assertThat(c).startsWith("helm registry login 'ghcr.io'"));
        assertThat(bootstrap.commands().get(bootstrap.commands().size() - 1))
                .contains("--set-json imagePullSecrets='[{\"name\":\"qdrant-registry-creds\"}]'");
    }

    @Test
    void aMirroredEnvironmentInstallsFromTheMirrorWithItsOwnPullSecretAndSettings() {
        EnvironmentConfiguration config = EnvironmentConfiguration.builder()
                .registryMirror("registry.corp.example/qdrant", "oci://registry.corp.example/charts", "corp-pull")
                .proxy("http://proxy.corp:3128", "http://proxy.corp:3128", List.of(".svc", "10.0.0.0/8"))
                .storageClasses("fast-ssd", "", "csi-snapclass").logLevel(LogLevel.DEBUG)
                .controlPlaneLabels(Map.of("team", "search")).build();
        Environment environment = platform.registry.create("corp", "qdrant", config);

        String helm = generator.generate(environment.id()).commands().get(2);

        assertThat(helm).contains("'oci://registry.corp.example/charts/qdrant-hybrid-agent'")
                .contains("\"repository\":\"registry.corp.example/qdrant/hybrid-agent\"")
                .contains("imagePullSecrets='[{\"name\":\"corp-pull\"}]'")
                .contains("\"httpsProxyUrl\":\"http://proxy.corp:3128\"").contains("\"noProxy\":[\".svc\",\"10.0.0.0/8\"]")
                .contains("\"databaseStorageClass\":\"fast-ssd\"").doesNotContain("snapshotStorageClass")
                .contains("\"logLevel\":\"DEBUG\"").contains("--set-json podLabels='{\"team\":\"search\"}'");
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
    }

    private static AccessKey keyIn(BootstrapCommands bootstrap) {
        String all = String.join("\n", bootstrap.commands());
        Matcher matcher = KEY_IN_COMMAND.matcher(all);
        assertThat(matcher.find()).as("access key in " + bootstrap).isTrue();
        return AccessKey.parse(matcher.group(1));
    }

}
