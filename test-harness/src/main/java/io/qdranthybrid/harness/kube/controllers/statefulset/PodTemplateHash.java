package io.qdranthybrid.harness.kube.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The stable hash of a pod template that names a StatefulSet revision. It depends only on the
 * template's content (object keys are sorted, so field order and map order do not matter) and is
 * rendered the way Kubernetes renders hashes in names: FNV-1a 32 in a consonant-and-digit alphabet.
 */
public final class PodTemplateHash {

    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PodTemplateHash() {
    }

    public static String of(PodTemplateSpec template) {
        JsonNode tree = SERIALIZATION.convertValue(template, JsonNode.class);
        byte[] canonical;
        try {
            canonical = CANONICAL.writeValueAsString(sorted(tree)).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("pod template cannot be serialized: " + e.getMessage(), e);
        }
        int hash = 0x811c9dc5;
        for (byte b : canonical) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode result = CANONICAL.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            for (String name : names) {
                result.set(name, sorted(node.get(name)));
            }
            return result;
        }
        if (node.isArray()) {
            var array = CANONICAL.createArrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.add(sorted(it.next()));
            }
            return array;
        }
        return node;
    }

    /** Like k8s.io/apimachinery rand.SafeEncodeString: no vowels, so a hash never spells a word. */
    private static String safeEncode(String digits) {
        StringBuilder out = new StringBuilder(digits.length());
        for (char c : digits.toCharArray()) {
            out.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
        }
        return out.toString();
    }
}
