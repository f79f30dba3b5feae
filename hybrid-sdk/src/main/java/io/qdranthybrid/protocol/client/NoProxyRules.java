package io.qdranthybrid.protocol.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code no_proxy} list, matched like curl and Go's {@code NO_PROXY}: comma- or whitespace-separated entries, each
 * <ul>
 *   <li>a domain ({@code corp.example}), which matches the host itself and every subdomain ({@code git.corp.example});
 *       a leading {@code .} or {@code *.} ({@code .corp.example}, {@code *.corp.example}) means the same;</li>
 *   <li>{@code *} for everything;</li>
 *   <li>an IP literal ({@code 192.168.1.7}, {@code ::1}, {@code [::1]}) or a CIDR block ({@code 10.0.0.0/8},
 *       {@code fd00::/8}); these match only hosts given as IP literals: we never resolve DNS to decide about a
 *       proxy;</li>
 *   <li>any of the above but {@code *} and CIDR with {@code :port} ({@code api.internal:8443}, {@code [::1]:8443}),
 *       which then matches only connections to that port.</li>
 * </ul>
 */
public final class NoProxyRules {

    private static final int ANY_PORT = -1;

    private final boolean matchAll;
    private final List<DomainEntry> domains;
    private final List<BlockEntry> blocks;

    private NoProxyRules(boolean matchAll, List<DomainEntry> domains, List<BlockEntry> blocks) {
        this.matchAll = matchAll;
        this.domains = List.copyOf(domains);
        this.blocks = List.copyOf(blocks);
    }

    public static NoProxyRules none() {
        return new NoProxyRules(false, List.of(), List.of());
    }

    /** @throws IllegalArgumentException for an entry that looks like a CIDR block or a port but is not one */
    public static NoProxyRules parse(String list) {
        if (list == null || list.isBlank()) {
            return none();
        }
        boolean all = false;
        List<DomainEntry> domains = new ArrayList<>();
        List<BlockEntry> blocks = new ArrayList<>();
        for (String raw : list.split("[,\\s]+")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                all = true;
                continue;
            }
            if (entry.contains("/")) {
                blocks.add(new BlockEntry(CidrBlock.parse(entry), ANY_PORT));
                continue;
            }
            HostAndPort target = HostAndPort.split(entry);
            if (isIpLiteral(target.host())) {
                byte[] address = literal(target.host()).getAddress();
                blocks.add(new BlockEntry(new CidrBlock(address, address.length * 8), target.port()));
            } else {
                String domain = target.host().startsWith("*.") ? target.host().substring(2)
                        : target.host().startsWith(".") ? target.host().substring(1) : target.host();
                if (!domain.isEmpty()) {
                    domains.add(new DomainEntry(trimTrailingDot(domain), target.port()));
                }
            }
        }
        return new NoProxyRules(all, domains, blocks);
    }

    /** True when connections to {@code host}, on any port, must bypass the proxy; port-specific entries do not count. */
    public boolean bypassesProxy(String host) {
        return bypassesProxy(host, ANY_PORT);
    }

    /** True when connections to {@code host:port} must bypass the proxy ({@code port} -1 if unknown). */
    public boolean bypassesProxy(String host, int port) {
        if (matchAll) {
            return true;
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = trimTrailingDot(stripBrackets(host.toLowerCase(Locale.ROOT)));
        for (DomainEntry domain : domains) {
            if (domain.matchesPort(port) && (h.equals(domain.name()) || h.endsWith("." + domain.name()))) {
                return true;
            }
        }
        if (!blocks.isEmpty() && isIpLiteral(h)) {
            byte[] address = literal(h).getAddress();
            return blocks.stream().anyMatch(block -> block.matchesPort(port) && block.block().contains(address));
        }
        return false;
    }

    private static String trimTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private record DomainEntry(String name, int port) {
        boolean matchesPort(int requested) {
            return port == ANY_PORT || port == requested;
        }

        @Override
        public String toString() {
            return port == ANY_PORT ? name : name + ":" + port;
        }
    }

    private record BlockEntry(CidrBlock block, int port) {
        boolean matchesPort(int requested) {
            return port == ANY_PORT || port == requested;
        }

        @Override
        public String toString() {
            return port == ANY_PORT ? block.toString() : block + ":" + port;
        }
    }

    /** An entry split into host and optional port; a bare IPv6 literal ({@code fd00::1}) has no port. */
    private record HostAndPort(String host, int port) {
        static HostAndPort split(String entry) {
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("no_proxy entry \"" + entry + "\" has no closing ]");
                }
                String rest = entry.substring(close + 1);
                return new HostAndPort(entry.substring(1, close), rest.isEmpty() ? ANY_PORT : port(entry, rest));
            }
            int colon = entry.indexOf(':');
            if (colon < 0 || colon != entry.lastIndexOf(':')) {
                return new HostAndPort(entry, ANY_PORT);
            }
            return new HostAndPort(entry.substring(0, colon), port(entry, entry.substring(colon)));
        }

        private static int port(String entry, String colonAndPort) {
            if (!colonAndPort.matches(":\\d{1,5}") || Integer.parseInt(colonAndPort.substring(1)) > 65_535) {
                throw new IllegalArgumentException("no_proxy entry \"" + entry + "\" has no valid port after the host");
            }
            return Integer.parseInt(colonAndPort.substring(1));
        }
    }

    @Override
    public String toString() {
        return "NoProxyRules[all=" + matchAll + ", domains=" + domains + ", blocks=" + blocks + "]";
    }

    static boolean isIpLiteral(String host) {
        String h = stripBrackets(host);
        return h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (h.contains(":") && h.matches("[0-9a-f:.]+"));
    }

    /** Parses an IP literal; never triggers a DNS lookup because callers check {@link #isIpLiteral} first. */
    static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(stripBrackets(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + host + "\" is not a valid IP address", e);
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private record CidrBlock(byte[] network, int prefixLength) {

        static CidrBlock parse(String entry) {
            int slash = entry.indexOf('/');
            String address = entry.substring(0, slash);
            if (!isIpLiteral(address)) {
                throw new IllegalArgumentException("no_proxy entry \"" + entry + "\" is not a CIDR block like 10.0.0.0/8");
            }
            byte[] network = literal(address).getAddress();
            int prefix;
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("no_proxy entry \"" + entry + "\" has no numeric prefix length", e);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("no_proxy entry \"" + entry + "\" has prefix length " + prefix
                        + " outside 0.." + network.length * 8);
            }
            return new CidrBlock(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
            } catch (UnknownHostException e) {
                return "?/" + prefixLength;
            }
        }
    }
}
