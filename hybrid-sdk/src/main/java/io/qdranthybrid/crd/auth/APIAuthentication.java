package io.qdranthybrid.crd.auth;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qdranthybrid.crd.OptionalQdrantApis;
import io.qdranthybrid.crd.schema.SpecRequired;

/** An API key (by its hash) and the clusters it may access (optional auth.qdrant.io group; no status). */
@Group(OptionalQdrantApis.AUTH_GROUP)
@Version(OptionalQdrantApis.VERSION)
@Kind("APIAuthentication")
@Plural("apiauthentications")
@Singular("apiauthentication")
@SpecRequired
public class APIAuthentication extends CustomResource<APIAuthenticationSpec, Void> implements Namespaced {
}
