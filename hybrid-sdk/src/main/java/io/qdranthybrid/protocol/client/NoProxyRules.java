package io.qdranthybrid.protocol.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code no_proxy} list: comma- or whitespace-separated entries, each an exact host ({@code api.internal}), a
 * domain suffix with a leading dot ({@code .corp.example}, which also matches {@code corp.example} itself), {@code *}
 * for everything, an IP literal, or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}). CIDR entries match only hosts
 * given as IP literals: we never resolve DNS to decide about a proxy.
 */
public final class NoProxyRules {

    private final boolean matchAll;
    private final List<String> exactHosts;
    private final List<String> suffixes;
    private final List<CidrBlock> blocks;

    private NoProxyRules(boolean matchAll, List<String> exactHosts, List<String> suffixes, List<CidrBlock> blocks) {
        this.matchAll = matchAll;
        this.exactHosts = List.copyOf(exactHosts);
        this.suffixes = List.copyOf(suffixes);
        this.blocks = List.copyOf(blocks);
    }

    public static NoProxyRules none() {
        return new NoProxyRules(false, List.of(), List.of(), List.of());
    }

    /** @throws IllegalArgumentException for an entry that looks like a CIDR block but is not one */
    public static NoProxyRules parse(String list) {
        if (list == null || list.isBlank()) {
            return none();
        }
        boolean all = false;
        List<String> exact = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        List<CidrBlock> blocks = new ArrayList<>();
        for (String raw : list.split("[,\\s]+")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                all = true;
            } else if (entry.contains("/")) {
                blocks.add(CidrBlock.parse(entry));
            } else if (entry.startsWith("*.")) {
                suffixes.add(entry.substring(1));
            } else if (entry.startsWith(".")) {
                suffixes.add(entry);
            } else if (isIpLiteral(entry)) {
                InetAddress address = literal(entry);
                blocks.add(new CidrBlock(address.getAddress(), address.getAddress().length * 8));
            } else {
                exact.add(stripBrackets(entry));
            }
        }
        return new NoProxyRules(all, exact, suffixes, blocks);
    }

    /** True when connections to {@code host} must bypass the proxy. */
    public boolean bypassesProxy(String host) {
        if (matchAll) {
            return true;
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = stripBrackets(host.toLowerCase(Locale.ROOT));
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (exactHosts.contains(h)) {
            return true;
        }
        for (String suffix : suffixes) {
            if (h.endsWith(suffix) || h.equals(suffix.substring(1))) {
                return true;
            }
        }
        if (!blocks.isEmpty() && isIpLiteral(h)) {
            byte[] address = literal(h).getAddress();
            return blocks.stream().anyMatch(block -> block.contains(address));
        }
        return false;
    }

    @Override
    public String toString() {
        return "NoProxyRules[all=" + matchAll + ", hosts=" + exactHosts + ", suffixes=" + suffixes + ", blocks=" + blocks + "]";
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
