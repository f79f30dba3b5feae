package io.qdranthybrid.harness.kube;

/** The verbs of the Kubernetes API as authorization and audit logs name them. */
public enum Verb {
  GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE, DELETECOLLECTION;

  public boolean isWrite() {
    return this == CREATE || this == UPDATE || this == PATCH || this == DELETE || this == DELETECOLLECTION;
  }
}
