{{- define "qdrant-hybrid-agent.name" -}}qdrant-cloud-agent{{- end }}

{{- define "qdrant-hybrid-agent.labels" -}}
app.kubernetes.io/name: {{ include "qdrant-hybrid-agent.name" . }}
app.kubernetes.io/component: agent
app.kubernetes.io/part-of: qdrant-hybrid
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{- define "qdrant-hybrid-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "qdrant-hybrid-agent.name" . }}
{{- end }}

{{- define "qdrant-hybrid-agent.image" -}}
{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* ClusterRole names are cluster-wide: one per release namespace. */}}
{{- define "qdrant-hybrid-agent.clusterReadName" -}}
{{ include "qdrant-hybrid-agent.name" . }}-cluster-read-{{ .Release.Namespace }}
{{- end }}
