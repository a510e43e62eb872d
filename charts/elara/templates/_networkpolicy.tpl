{{/*
Egress and ingress rule fragments the per-component NetworkPolicies share. Each renders one list
item of `egress:` or `ingress:`.
*/}}

{{/* To Postgres: the bundled StatefulSet's pods, or the external addresses from values. */}}
{{- define "elara.netpol.postgresEgress" -}}
{{- if eq .Values.postgres.mode "bundled" -}}
- to:
    - podSelector:
        matchLabels:
          {{- include "elara.selectorLabels" (dict "root" . "component" "postgres") | nindent 10 }}
  ports:
    - { protocol: TCP, port: 5432 }
{{- else -}}
- to:
    {{- range .Values.networkPolicy.externalPostgres.cidrs }}
    - ipBlock: { cidr: {{ . | quote }} }
    {{- end }}
  ports:
    - { protocol: TCP, port: {{ .Values.networkPolicy.externalPostgres.port }} }
{{- end }}
{{- end }}

{{- define "elara.netpol.redisEgress" -}}
{{- if eq .Values.redis.mode "bundled" -}}
- to:
    - podSelector:
        matchLabels:
          {{- include "elara.selectorLabels" (dict "root" . "component" "redis") | nindent 10 }}
  ports:
    - { protocol: TCP, port: 6379 }
{{- else -}}
- to:
    {{- range .Values.networkPolicy.externalRedis.cidrs }}
    - ipBlock: { cidr: {{ . | quote }} }
    {{- end }}
  ports:
    - { protocol: TCP, port: {{ .Values.networkPolicy.externalRedis.port }} }
{{- end }}
{{- end }}

{{/* HTTPS to the internet, minus the private ranges (see values' networkPolicy.internet). */}}
{{- define "elara.netpol.internetEgress" -}}
{{- $i := .Values.networkPolicy.internet -}}
- to:
    {{- range $i.cidrs }}
    - ipBlock:
        cidr: {{ . | quote }}
        {{- with $i.except }}
        except:
          {{- toYaml . | nindent 10 }}
        {{- end }}
    {{- end }}
  ports:
    {{- range $i.ports }}
    - { protocol: TCP, port: {{ . }} }
    {{- end }}
{{- end }}

{{/* Prometheus (monitoring namespace) and the helm test pods may read a metrics port. Usage: include ... (dict "root" $ "port" 9465) */}}
{{- define "elara.netpol.metricsIngress" -}}
{{- $m := .root.Values.networkPolicy.monitoring -}}
- from:
    - namespaceSelector:
        {{- toYaml $m.namespaceSelector | nindent 8 }}
      podSelector:
        {{- toYaml $m.podSelector | nindent 8 }}
    - podSelector:
        matchLabels:
          {{- include "elara.selectorLabels" (dict "root" .root "component" "test") | nindent 10 }}
  ports:
    - { protocol: TCP, port: {{ .port }} }
{{- end }}
