{{/*
A ServiceMonitor for one component's `metrics` port. The job label is set to `elara-<component>`,
the name grafana/prometheus/prometheus.yml uses, so the copied alert rules (ElaraTargetDown) and
dashboards work whatever the release is called.
*/}}
{{- define "elara.serviceMonitor" -}}
{{- $sm := .root.Values.observability.serviceMonitor }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "elara.componentName" . }}
  labels:
    {{- include "elara.labels" . | nindent 4 }}
    {{- with $sm.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "elara.selectorLabels" . | nindent 6 }}
  namespaceSelector:
    matchNames: [{{ .root.Release.Namespace | quote }}]
  endpoints:
    - port: metrics
      path: /metrics
      interval: {{ $sm.interval }}
      relabelings:
        - targetLabel: job
          replacement: elara-{{ .component }}
{{- end }}
