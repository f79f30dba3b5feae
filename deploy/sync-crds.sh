#!/usr/bin/env sh
# Copies the generated CRDs (crds/*.yml, rewritten by every hybrid-sdk build) into the Kustomize base and the
# CRD Helm chart. Kustomize cannot read files outside its root and Helm packages only its own directory, so
# both hold copies; DeployedCrdsMatchGeneratedTest (samples) fails when a copy differs from crds/.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
for target in "$root/deploy/kustomize/crds" "$root/deploy/helm/qdrant-hybrid-crds/templates"; do
  rm -f "$target"/*.qdrant.io-v1.yml
  cp "$root"/crds/*.qdrant.io-v1.yml "$target"/
done
# The Kustomize base lists every file, so a new kind must be listed too.
( cd "$root/deploy/kustomize/crds" && for f in *.qdrant.io-v1.yml; do
    grep -q "  - $f" kustomization.yaml || echo "sync-crds: add '  - $f' to deploy/kustomize/crds/kustomization.yaml" >&2
  done )
echo "CRDs copied from crds/ into deploy/kustomize/crds and deploy/helm/qdrant-hybrid-crds/templates"
