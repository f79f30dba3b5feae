/** The optional {@code auth.qdrant.io/v1alpha1} kind of the real Qdrant platform: {@code APIAuthentication}. */
package io.qdranthybrid.crd.auth;
