package io.qdranthybrid.deploy;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips each test of a class that needs kubectl, one by one, where kubectl cannot run: an assumption failing in
 * {@code @BeforeAll} instead aborts the whole class, which Surefire reports as a class with no tests at all, so the
 * skip went unseen. Classes using this guard their {@code @BeforeAll} with {@link Kustomize#kubectlAvailable()}.
 */
final class KubectlRequired implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Kustomize.assumeKubectl();
    }
}
