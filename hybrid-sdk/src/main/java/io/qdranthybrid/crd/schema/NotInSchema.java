package io.qdranthybrid.crd.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field the model reads and writes but the real CRD does not declare. Left out of the generated schema so that
 * ours matches the real one; only use it where the enclosing object preserves unknown fields, or the API server
 * would prune what we write.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface NotInSchema {

    /** Why the model has a field the real CRD lacks. */
    String value();
}
