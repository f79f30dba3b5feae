package io.qdranthybrid.crd.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field holding a whole Kubernetes object ({@code x-kubernetes-embedded-resource}): the API server requires its
 * {@code apiVersion} and {@code kind} and validates its {@code metadata} like a top-level object's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface EmbeddedResource {
}
