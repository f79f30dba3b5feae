package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/** Typed look-ups in a rendered manifest list. */
final class Manifests {

    private Manifests() {
    }

    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> matching = ofType(objects, type).stream()
                .filter(o -> name.equals(o.getMetadata().getName())).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " named " + name + ", found "
                    + matching.size() + " among " + describe(objects));
        }
        return matching.get(0);
    }

    static List<String> describe(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
