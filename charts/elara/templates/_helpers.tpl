{{/*
Names, labels, image references and secret names. Pod-level helpers (security contexts, probes,
env, the wait-for-migrations initContainer) live in _pod.tpl.
*/}}

{{- define "elara.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: `<release>-elara`, or the release name when it already says "elara". */}}
{{- define "elara.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
`<fullname>-<component>[-<suffix>]`, at most 63 characters: the fullname is cut, never the tail,
so names stay distinct under the longest release name Helm accepts.
*/}}
{{- define "elara.componentName" -}}
{{- $tail := .component }}
{{- with .suffix }}{{ $tail = printf "%s-%s" $tail . }}{{ end }}
{{- $room := sub 62 (len $tail) | int }}
{{- printf "%s-%s" (include "elara.fullname" .root | trunc $room | trimSuffix "-") $tail }}
{{- end }}

{{- define "elara.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every pod of the release carries: the network policies select on these. */}}
{{- define "elara.releaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "elara.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Selector labels of one component. Usage: include "elara.selectorLabels" (dict "root" $ "component" "api") */}}
{{- define "elara.selectorLabels" -}}
{{ include "elara.releaseSelectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Common labels of one component's objects. */}}
{{- define "elara.labels" -}}
{{ include "elara.selectorLabels" . }}
app.kubernetes.io/part-of: elara
app.kubernetes.io/version: {{ include "elara.imageTag" .root | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "elara.chart" .root }}
{{- end }}

{{/* Labels of objects that belong to the release as a whole (ConfigMap, shared policies). */}}
{{- define "elara.releaseLabels" -}}
{{ include "elara.releaseSelectorLabels" . }}
app.kubernetes.io/part-of: elara
app.kubernetes.io/version: {{ include "elara.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "elara.chart" . }}
{{- end }}

{{- define "elara.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/*
One of the four Elara images: `registry/elara-<image>:tag`, plus `@digest` when one is pinned.
Usage: include "elara.image" (dict "root" $ "image" "api")
*/}}
{{- define "elara.image" -}}
{{- $digest := index .root.Values.image.digest .image }}
{{- $ref := printf "%s/elara-%s:%s" .root.Values.image.registry .image (include "elara.imageTag" .root) }}
{{- if $digest }}{{ printf "%s@%s" $ref $digest }}{{ else }}{{ $ref }}{{ end }}
{{- end }}

{{/* A datastore image from `{repository, tag, digest}`. */}}
{{- define "elara.datastoreImage" -}}
{{- if .digest }}{{ printf "%s:%s@%s" .repository .tag .digest }}{{ else }}{{ printf "%s:%s" .repository .tag }}{{ end }}
{{- end }}

{{/* True ("true") for a trial install: both datastores bundled. */}}
{{- define "elara.trial" -}}
{{- if and (eq .Values.postgres.mode "bundled") (eq .Values.redis.mode "bundled") }}true{{ end }}
{{- end }}

{{/* The Secret holding ELARA_SECRETS_KEY, AUTH_* and the optional SENTRY_DSN / HEALTH_DETAILED_TOKEN. */}}
{{- define "elara.appSecretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "elara.componentName" (dict "root" . "component" "app") }}
{{- end }}
{{- end }}

{{/* The Secret holding DATABASE_URL and DATABASE_OWNER_URL. */}}
{{- define "elara.databaseSecretName" -}}
{{- if eq .Values.postgres.mode "bundled" }}
{{- include "elara.componentName" (dict "root" . "component" "postgres") }}
{{- else }}
{{- include "elara.appSecretName" . }}
{{- end }}
{{- end }}

{{/* The Secret holding REDIS_URL. */}}
{{- define "elara.redisSecretName" -}}
{{- if eq .Values.redis.mode "bundled" }}
{{- include "elara.componentName" (dict "root" . "component" "redis") }}
{{- else }}
{{- include "elara.appSecretName" . }}
{{- end }}
{{- end }}

{{/* The Lease the scheduler replicas compete for. */}}
{{- define "elara.leaseName" -}}
{{- .Values.scheduler.leaderElection.leaseName | default (include "elara.componentName" (dict "root" . "component" "scheduler")) }}
{{- end }}

{{/* PUBLIC_BASE_URL: set explicitly, or https://<first ingress host>. */}}
{{- define "elara.publicBaseUrl" -}}
{{- if .Values.config.publicBaseUrl }}
{{- .Values.config.publicBaseUrl }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- printf "https://%s" (index .Values.ingress.hosts 0).host }}
{{- end }}
{{- end }}

{{/* The PromQL label matchers that keep one release's queue metrics apart from another's. */}}
{{- define "elara.queueMatchers" -}}
namespace="{{ .Release.Namespace }}",queue=~"{{ join "|" .Values.worker.autoscaling.queues }}"
{{- end }}

{{/*
Queue backlog: jobs waiting, running and prioritized. Delayed jobs (retries in backoff) are left out:
more workers cannot run them sooner, and once due BullMQ moves them to waiting, where they count.
`max by (queue, state)` first: both scheduler replicas may export the gauges.
*/}}
{{- define "elara.queueBacklogQuery" -}}
sum(max by (queue, state) (elara_queue_jobs{ {{- include "elara.queueMatchers" . }},state=~"waiting|active|prioritized"}))
{{- end }}

{{- define "elara.queueAgeQuery" -}}
max(elara_queue_oldest_waiting_age_seconds{ {{- include "elara.queueMatchers" . }}})
{{- end }}
