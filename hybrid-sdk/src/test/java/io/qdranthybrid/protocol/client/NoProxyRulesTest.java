package io.qdranthybrid.protocol.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoProxyRulesTest {

    private final NoProxyRules rules = NoProxyRules.parse(
            "localhost, api.internal .corp.example,*.svc.cluster.local,10.0.0.0/8, 192.168.1.7,fd00::/8,[::1]");

    @ParameterizedTest(name = "{0} bypasses the proxy: {1}")
    @CsvSource({
            "localhost, true",
            "LOCALHOST, true",
            "api.internal, true",
            "www.api.internal, true",
            "notapi.internal, false",
            "corp.example, true",
            "git.corp.example, true",
            "a.b.corp.example, true",
            "notcorp.example, false",
            "qdrant.qdrant.svc.cluster.local, true",
            "10.1.2.3, true",
            "11.1.2.3, false",
            "192.168.1.7, true",
            "192.168.1.8, false",
            "fd12::1, true",
            "[fd12::1], true",
            "fe80::1, false",
            "::1, true",
            "grpc.cloud.qdrant.io, false"})
    void matchesExactHostsSuffixesAndIpBlocks(String host, boolean bypass) {
        assertThat(rules.bypassesProxy(host)).isEqualTo(bypass);
    }

    @ParameterizedTest(name = "no_proxy={0}: {1} bypasses the proxy: {2}")
    @CsvSource(delimiter = '|', value = {
            // A bare domain matches itself and its subdomains, as curl and Go do; never a mere suffix of a label.
            "example.com | example.com | true",
            "example.com | sub.example.com | true",
            "example.com | a.b.example.com | true",
            "example.com | badexample.com | false",
            "example.com | example.com.evil.io | false",
            // A leading dot or *. means the same (curl strips the dot).
            ".example.com | example.com | true",
            ".example.com | sub.example.com | true",
            "*.example.com | sub.example.com | true",
            // Trailing dots (fully qualified names) and case do not matter.
            "Example.COM. | sub.example.com. | true",
            // * anywhere in the list bypasses everything.
            "internal.corp, * | grpc.cloud.qdrant.io | true"})
    void domainsMatchLikeCurlAndGo(String noProxy, String host, boolean bypass) {
        assertThat(NoProxyRules.parse(noProxy).bypassesProxy(host)).isEqualTo(bypass);
    }

    @ParameterizedTest(name = "no_proxy={0}: {1}:{2} bypasses the proxy: {3}")
    @CsvSource(delimiter = '|', value = {
            "api.internal:8443 | api.internal | 8443 | true",
            "api.internal:8443 | api.internal | 443 | false",
            "api.internal:8443 | git.api.internal | 8443 | true",
            "api.internal:8443 | api.internal | -1 | false",
            "192.168.1.7:8443 | 192.168.1.7 | 8443 | true",
            "192.168.1.7:8443 | 192.168.1.7 | 443 | false",
            "[::1]:8443 | ::1 | 8443 | true",
            "[::1]:8443 | [::1] | 443 | false",
            "fd00::1 | fd00::1 | 443 | true",
            "api.internal | api.internal | 443 | true"})
    void anEntryWithAPortMatchesOnlyThatPort(String noProxy, String host, int port, boolean bypass) {
        assertThat(NoProxyRules.parse(noProxy).bypassesProxy(host, port)).isEqualTo(bypass);
    }

    @Test
    void aBrokenPortIsRejectedWithTheEntryNamed() {
        assertThatThrownBy(() -> NoProxyRules.parse("api.internal:http")).hasMessageContaining("api.internal:http");
        assertThatThrownBy(() -> NoProxyRules.parse("api.internal:70000")).hasMessageContaining("api.internal:70000");
        assertThatThrownBy(() -> NoProxyRules.parse("[::1:8443")).hasMessageContaining("[::1:8443");
    }

    @Test
    void anAsteriskBypassesEverything() {
        assertThat(NoProxyRules.parse("*").bypassesProxy("grpc.cloud.qdrant.io")).isTrue();
    }

    @Test
    void anEmptyListBypassesNothing() {
        assertThat(NoProxyRules.parse("").bypassesProxy("localhost")).isFalse();
        assertThat(NoProxyRules.parse(null).bypassesProxy("localhost")).isFalse();
    }

    @Test
    void aHostnameIsNeverResolvedToMatchABlock() {
        // "localhost" resolves to 127.0.0.1, but we decide without DNS: only IP literals match blocks.
        assertThat(NoProxyRules.parse("127.0.0.0/8").bypassesProxy("localhost")).isFalse();
        assertThat(NoProxyRules.parse("127.0.0.0/8").bypassesProxy("127.0.0.1")).isTrue();
    }

    @Test
    void aBrokenCidrBlockIsRejectedWithTheEntryNamed() {
        assertThatThrownBy(() -> NoProxyRules.parse("10.0.0.0/40"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> NoProxyRules.parse("example.com/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.com/8");
    }
}
