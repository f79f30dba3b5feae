package io.qdranthybrid.crd.generation;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.qdranthybrid.crd.QdrantApi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrinterColumnOrderTest {

    private final PrinterColumnOrder order = new PrinterColumnOrder(QdrantApi.KINDS);

    @Test
    void columnsSortedByPathComeOutInTheOrderTheKindDeclares() {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewSpec().withNewNames().withKind("QdrantCluster").endNames()
                .addNewVersion().withName("v1")
                .withAdditionalPrinterColumns(column("Age"), column("Nodes"), column("Version"), column("Phase"))
                .endVersion().endSpec()
                .build();

        order.process(crd, "v1");

        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Nodes", "Version", "Phase", "Age");
    }

    @Test
    void undeclaredColumnsKeepTheirOrderAfterTheDeclaredOnes() {
        List<CustomResourceColumnDefinition> sorted = PrinterColumnOrder.ordered(
                List.of(column("Zeta"), column("Phase"), column("Alpha"), column("Nodes")),
                List.of("Nodes", "Phase"));

        assertThat(sorted).extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Nodes", "Phase", "Zeta", "Alpha");
    }

    @Test
    void aKindThatIsNotOursIsLeftAlone() {
        assertThat(order.declaredOrder("Pod")).isEmpty();
        assertThat(order.declaredOrder("QdrantClusterRestore")).containsExactly("Phase", "Age");
    }

    private static CustomResourceColumnDefinition column(String name) {
        return new CustomResourceColumnDefinitionBuilder().withName(name).withJsonPath("." + name).build();
    }
}
