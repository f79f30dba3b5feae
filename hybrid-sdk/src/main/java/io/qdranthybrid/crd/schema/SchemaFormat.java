package io.qdranthybrid.crd.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI {@code format} of a field in the generated CRD ({@code date-time}, {@code int32}, ...), which the
 * fabric8 generator does not derive. {@code Long} fields get {@code int64} without it. The API server checks it:
 * a {@code date-time} that is not RFC 3339 is refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface SchemaFormat {

    String DATE_TIME = "date-time";
    String INT32 = "int32";
    /** No format, for a {@code Long} the real CRD declares as a plain Go {@code int}. */
    String NONE = "";

    String value();
}
