#!/bin/sh
# Renders the Kustomize bases the test harness installs into deploy/rendered/, checked in so that the harness and
# the sandbox jar need no kubectl. Run after changing anything under deploy/kustomize;
# RenderedManifestsAreCurrentTest (samples) fails while a rendering is stale.
set -eu
cd "$(dirname "$0")"
for base in crds helm-crds install install-cluster-read; do
  kubectl kustomize "kustomize/$base" > "rendered/$base.yaml"
done
