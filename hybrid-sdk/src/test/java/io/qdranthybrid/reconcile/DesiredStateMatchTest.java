package io.qdranthybrid.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredStateMatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static boolean satisfied(String desired, String actual) throws Exception {
        return DesiredStateMatch.isSatisfiedBy(json(desired), json(actual));
    }

    @Test
    void fieldsOnlyTheServerSetsAreNotADifference() throws Exception {
        assertThat(satisfied(
                "{'spec':{'type':'ClusterIP','ports':[{'port':6333}]}}",
                "{'spec':{'type':'ClusterIP','clusterIP':'10.0.0.7','ports':[{'port':6333,'protocol':'TCP'}]}}"))
                .isTrue();
    }

    @Test
    void aChangedOrMissingDesiredFieldIsADifference() throws Exception {
        assertThat(satisfied("{'data':{'size':'3'}}", "{'data':{'size':'1'}}")).isFalse();
        assertThat(satisfied("{'data':{'size':'3','mode':'x'}}", "{'data':{'size':'3'}}")).isFalse();
        assertThat(satisfied("{'spec':{'replicas':3}}", "{'spec':{}}")).isFalse();
    }

    @Test
    void listsMustHaveTheSameLengthAndMatchElementWise() throws Exception {
        assertThat(satisfied("{'ports':[{'port':1},{'port':2}]}", "{'ports':[{'port':1}]}")).isFalse();
        assertThat(satisfied("{'ports':[{'port':1}]}", "{'ports':[{'port':1},{'port':2}]}")).isFalse();
        assertThat(satisfied("{'ports':[{'port':2},{'port':1}]}", "{'ports':[{'port':1},{'port':2}]}")).isFalse();
        assertThat(satisfied("{'ports':[{'port':1},{'port':2}]}", "{'ports':[{'port':1,'x':0},{'port':2}]}")).isTrue();
    }

    @Test
    void statusAndServerManagedMetadataAreIgnoredButLabelsAnnotationsAndOwnersCompared() throws Exception {
        String actual = "{'metadata':{'name':'a','resourceVersion':'9','uid':'u','labels':{'app':'q','extra':'y'},"
                + "'annotations':{'note':'n'},'ownerReferences':[{'uid':'o1','controller':true}]},"
                + "'status':{'phase':'Running'}}";
        assertThat(satisfied("{'metadata':{'name':'a','resourceVersion':'1','uid':'other','labels':{'app':'q'}},"
                + "'status':{'phase':'Pending'}}", actual)).isTrue();
        assertThat(satisfied("{'metadata':{'labels':{'app':'other'}}}", actual)).isFalse();
        assertThat(satisfied("{'metadata':{'annotations':{'note':'changed'}}}", actual)).isFalse();
        assertThat(satisfied("{'metadata':{'ownerReferences':[{'uid':'o2','controller':true}]}}", actual)).isFalse();
    }

    @Test
    void numbersCompareByValueAndEmptyContainersMatchAbsentOnes() throws Exception {
        assertThat(DesiredStateMatch.isSubset(JSON.valueToTree(1), JSON.valueToTree(1L))).isTrue();
        assertThat(DesiredStateMatch.isSubset(JSON.valueToTree(1), JSON.valueToTree(1.0))).isTrue();
        assertThat(satisfied("{'spec':{'tolerations':[],'selector':{}}}", "{'spec':{}}")).isTrue();
        assertThat(satisfied("{'spec':{'value':'1'}}", "{'spec':{'value':1}}")).as("a string is not a number").isFalse();
    }

    // A real API server serialises quantities canonically (k8s.io/apimachinery/pkg/api/resource/quantity.go):
    // comparing the text would see a difference on every reconcile and write forever.
    @Test
    void quantitiesTheServerCanonicalisedAreNotADifference() throws Exception {
        assertThat(satisfied(
                "{'spec':{'containers':[{'resources':{'requests':{'cpu':'1000m','memory':'1024Mi'},'limits':{'cpu':'0.5'}}}]}}",
                "{'spec':{'containers':[{'resources':{'requests':{'cpu':'1','memory':'1Gi'},'limits':{'cpu':'500m'}}}]}}"))
                .isTrue();
        assertThat(satisfied("{'resources':{'requests':{'storage':'1024Mi'}}}",
                "{'resources':{'requests':{'storage':'1Gi'}}}")).isTrue();
        assertThat(satisfied("{'resources':{'requests':{'cpu':'2'}}}", "{'resources':{'requests':{'cpu':'1'}}}"))
                .isFalse();
        assertThat(satisfied("{'metadata':{'labels':{'version':'1.0'}}}", "{'metadata':{'labels':{'version':'1'}}}"))
                .as("only quantities compare by value").isFalse();
    }

    // The real API server folds a Secret's stringData into data (k8s.io/kubernetes/pkg/apis/core/v1/conversion.go
    // Convert_v1_Secret_To_core_Secret) and never returns stringData.
    @Test
    void secretStringDataIsSatisfiedByTheDataTheServerStored() throws Exception {
        assertThat(satisfied("{'kind':'Secret','stringData':{'key':'value'}}",
                "{'kind':'Secret','data':{'key':'dmFsdWU='},'type':'Opaque'}")).isTrue();
        assertThat(satisfied("{'kind':'Secret','stringData':{'key':'other'}}",
                "{'kind':'Secret','data':{'key':'dmFsdWU='},'type':'Opaque'}")).isFalse();
    }
}
