package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.Quantity;
import io.qdranthybrid.protocol.message.NodeCapacity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/** Sums node capacities into Kubernetes quantities: cores as a plain number, bytes in the largest exact binary unit. */
public final class NodeCapacities {

    private static final String[] BINARY_UNITS = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};

    private NodeCapacities() {
    }

    public static NodeCapacity sum(Collection<Map<String, Quantity>> capacities) {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        BigDecimal ephemeral = BigDecimal.ZERO;
        for (Map<String, Quantity> capacity : capacities) {
            cpu = cpu.add(amount(capacity, "cpu"));
            memory = memory.add(amount(capacity, "memory"));
            ephemeral = ephemeral.add(amount(capacity, "ephemeral-storage"));
        }
        return new NodeCapacity(cpu.stripTrailingZeros().toPlainString(), bytes(memory), bytes(ephemeral));
    }

    private static BigDecimal amount(Map<String, Quantity> capacity, String resource) {
        Quantity quantity = capacity == null ? null : capacity.get(resource);
        return quantity == null ? BigDecimal.ZERO : quantity.getNumericalAmount();
    }

    static String bytes(BigDecimal amount) {
        BigInteger value = amount.setScale(0, java.math.RoundingMode.HALF_UP).toBigInteger();
        if (value.signum() == 0) {
            return "0";
        }
        for (int i = 0; i < BINARY_UNITS.length; i++) {
            BigInteger unit = BigInteger.ONE.shiftLeft(10 * (BINARY_UNITS.length - i));
            BigInteger[] divided = value.divideAndRemainder(unit);
            if (divided[1].signum() == 0) {
                return divided[0] + BINARY_UNITS[i];
            }
        }
        return value.toString();
    }
}
