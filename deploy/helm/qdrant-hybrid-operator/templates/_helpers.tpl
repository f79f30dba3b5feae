{{- define "qdrant-hybrid-operator.name" -}}qdrant-hybrid-operator{{- end }}

{{- define "qdrant-hybrid-operator.labels" -}}
app.kubernetes.io/name: {{ include "qdrant-hybrid-operator.name" . }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: qdrant-hybrid
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{- define "qdrant-hybrid-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "qdrant-hybrid-operator.name" . }}
{{- end }}

{{- define "qdrant-hybrid-operator.image" -}}
{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* ClusterRole names are cluster-wide: one per release namespace. */}}
{{- define "qdrant-hybrid-operator.clusterReadName" -}}
{{ include "qdrant-hybrid-operator.name" . }}-cluster-read-{{ .Release.Namespace }}
{{- end }}
