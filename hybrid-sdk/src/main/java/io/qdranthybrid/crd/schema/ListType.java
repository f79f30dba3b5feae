package io.qdranthybrid.crd.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code x-kubernetes-list-type} of a list field: how server-side apply merges it, and for {@code set} that the API
 * server refuses duplicate items.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ListType {

    String ATOMIC = "atomic";
    String SET = "set";

    String value();
}
