package io.qdranthybrid.crd.generation;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the printer columns of a generated CRD in the order the kind declares its {@link AdditionalPrinterColumn}s,
 * which is the real operator's order ({@code kubectl get qc}: NODES, VERSION, PHASE, AGE). The fabric8 generator
 * sorts them by JSON path, which would show AGE second.
 */
public final class PrinterColumnOrder implements CRDPostProcessor {

    private final Collection<Class<?>> kinds;

    /** @param kinds the custom resource classes whose annotations give the order */
    public PrinterColumnOrder(Collection<? extends Class<?>> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            List<String> order = declaredOrder(definition.getSpec().getNames().getKind());
            for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
                if (version.getAdditionalPrinterColumns() != null) {
                    version.setAdditionalPrinterColumns(ordered(version.getAdditionalPrinterColumns(), order));
                }
            }
        }
        return crd;
    }

    /** Column names in declaration order on the class of {@code kind}; empty for a kind we do not know. */
    List<String> declaredOrder(String kind) {
        return kinds.stream()
                .filter(type -> type.getSimpleName().equals(kind))
                .findFirst()
                .map(type -> Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
                        .map(AdditionalPrinterColumn::name)
                        .toList())
                .orElse(List.of());
    }

    /** {@code columns} sorted by their position in {@code order}; columns not named there keep their order, last. */
    static List<CustomResourceColumnDefinition> ordered(List<CustomResourceColumnDefinition> columns,
                                                        List<String> order) {
        Comparator<CustomResourceColumnDefinition> byDeclaration = Comparator.comparingInt(column -> {
            int index = order.indexOf(column.getName());
            return index < 0 ? order.size() : index;
        });
        return columns.stream().sorted(byDeclaration).toList();
    }
}
