#!/usr/bin/env sh
# Copies the generated CRDs (crds/*.yml, rewritten by every hybrid-sdk build) into the Kustomize base and the
# CRD Helm chart, and the cd.qdrant.io Helm CRDs (deploy/kustomize/helm-crds, maintained by hand) into their chart.
# Kustomize cannot read files outside its root and Helm packages only its own directory, so both hold copies;
# DeployedCrdsMatchGeneratedTest (samples) fails when a copy differs from its original.
# The Kustomize copies are verbatim. The Helm copies gain one annotation, helm.sh/resource-policy: keep, so that
# `helm uninstall` of a CRD chart never deletes the CRDs (and with them every object of their kinds in the cluster).
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
kustomize_dir="$root/deploy/kustomize/crds"
helm_dir="$root/deploy/helm/qdrant-hybrid-crds/templates"
helm_crds_dir="$root/deploy/kustomize/helm-crds"
helm_crds_chart_dir="$root/deploy/helm/qdrant-hybrid-helm-crds/templates"
# The CRD files hold only a name under metadata; insert the annotation right after `metadata:`.
keep() {
  sed '/^metadata:$/a\
  annotations:\
    helm.sh/resource-policy: keep' "$1" > "$2"
}
rm -f "$kustomize_dir"/*.qdrant.io-v1.yml "$helm_dir"/*.qdrant.io-v1.yml "$helm_crds_chart_dir"/*.cd.qdrant.io.yaml
for crd in "$root"/crds/*.qdrant.io-v1.yml; do
  file="$(basename "$crd")"
  cp "$crd" "$kustomize_dir/$file"
  keep "$crd" "$helm_dir/$file"
done
for crd in "$helm_crds_dir"/*.cd.qdrant.io.yaml; do
  keep "$crd" "$helm_crds_chart_dir/$(basename "$crd")"
done
# The optional kinds (crds/optional: auth.qdrant.io, routing.qdrant.io) are installed only when asked, as the real
# chart's includeAuthCRDs / includeRoutingCRDs do: one Kustomize component per group, and chart templates under
# templates/optional wrapped in the same flags.
optional_helm_dir="$helm_dir/optional"
mkdir -p "$optional_helm_dir"
rm -f "$optional_helm_dir"/*.yml
for group in auth routing; do
  component_dir="$root/deploy/kustomize/components/$group-crds"
  rm -f "$component_dir"/*.qdrant.io-v1.yml
  case "$group" in auth) flag=includeAuthCRDs ;; routing) flag=includeRoutingCRDs ;; esac
  for crd in "$root"/crds/optional/*."$group".qdrant.io-v1.yml; do
    file="$(basename "$crd")"
    cp "$crd" "$component_dir/$file"
    { echo "{{- if .Values.$flag }}"
      sed '/^metadata:$/a\
  annotations:\
    helm.sh/resource-policy: keep' "$crd"
      echo "{{- end }}"; } > "$optional_helm_dir/$file"
  done
done
# The Kustomize base lists every file, so a new kind must be listed too.
( cd "$kustomize_dir" && for f in *.qdrant.io-v1.yml; do
    grep -q "  - $f" kustomization.yaml || echo "sync-crds: add '  - $f' to deploy/kustomize/crds/kustomization.yaml" >&2
  done )
for group in auth routing; do
  ( cd "$root/deploy/kustomize/components/$group-crds" && for f in *.qdrant.io-v1.yml; do
      grep -q "  - $f" kustomization.yaml || echo "sync-crds: add '  - $f' to deploy/kustomize/components/$group-crds/kustomization.yaml" >&2
    done )
done
echo "CRDs copied from crds/ into deploy/kustomize/crds and deploy/helm/qdrant-hybrid-crds/templates;"
echo "the Helm CRDs from deploy/kustomize/helm-crds into deploy/helm/qdrant-hybrid-helm-crds/templates;"
echo "optional ones from crds/optional/ into deploy/kustomize/components/{auth,routing}-crds and templates/optional"
