{{/*
Pod building blocks shared by every workload: the restricted security contexts, the /tmp emptyDir
(root filesystems are read-only), probes, the preStop pause, secret env and the
wait-for-migrations initContainer.
*/}}

{{/* Pod security context (Pod Security Standard "restricted"). Usage: include "elara.podSecurityContext" 10001 */}}
{{- define "elara.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container security context (restricted): nothing to escalate, nothing writable but mounted volumes. */}}
{{- define "elara.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ALL]
{{- end }}

{{- define "elara.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end }}

{{- define "elara.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/*
Extra CA certificates that Node trusts besides its own (values' trustedCa), e.g. Amazon RDS's
bundle, so DATABASE_URL can use sslmode=verify-full. App containers get the volume, the mount and
NODE_EXTRA_CA_CERTS (the ConfigMap carries it; the migrator's containers get it as env).
*/}}
{{- define "elara.trustedCaPath" -}}
/etc/elara/trusted-ca/{{ .Values.trustedCa.key }}
{{- end }}

{{/* /tmp plus the trusted CAs, when configured. Usage: include "elara.appVolumes" $ */}}
{{- define "elara.appVolumes" -}}
{{ include "elara.tmpVolume" . }}
{{- with .Values.trustedCa.configMap }}
- name: trusted-ca
  configMap:
    name: {{ . }}
{{- end }}
{{- end }}

{{- define "elara.appMounts" -}}
{{ include "elara.tmpMount" . }}
{{- if .Values.trustedCa.configMap }}
- name: trusted-ca
  mountPath: /etc/elara/trusted-ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "elara.trustedCaEnv" -}}
{{- if .Values.trustedCa.configMap }}
- name: NODE_EXTRA_CA_CERTS
  value: {{ include "elara.trustedCaPath" . }}
{{- end }}
{{- end }}

{{/*
Probes of an app container on a named port. Liveness asks only whether the process is alive (never
Postgres or Redis: a datastore outage must not restart every pod); readiness checks the datastores.
Usage: include "elara.appProbes" (dict "root" $ "port" "http")
*/}}
{{- define "elara.appProbes" -}}
{{- $p := .root.Values.probes -}}
startupProbe:
  httpGet: { path: /health/live, port: {{ .port }} }
  periodSeconds: {{ $p.startup.periodSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
livenessProbe:
  httpGet: { path: /health/live, port: {{ .port }} }
  periodSeconds: {{ $p.liveness.periodSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
readinessProbe:
  httpGet: { path: /health/ready, port: {{ .port }} }
  periodSeconds: {{ $p.readiness.periodSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
{{- end }}

{{/* The preStop pause: the pod keeps running while endpoints and load balancers forget it. */}}
{{- define "elara.preStop" -}}
lifecycle:
  preStop:
    exec:
      command: ["sleep", "{{ . }}"]
{{- end }}

{{/* One env var read from a Secret. Usage: include "elara.secretEnv" (dict "name" "REDIS_URL" "secret" $name "optional" false) */}}
{{- define "elara.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .name }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}

{{/* Env vars from a non-empty name: value map (values' `<component>.env`). */}}
{{- define "elara.envMap" -}}
{{- $env := list }}
{{- range $name, $value := . }}
{{- $env = append $env (dict "name" $name "value" (toString $value)) }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{/* Env every app container shares: the ConfigMap, plus settings computed per component. */}}
{{- define "elara.configEnvFrom" -}}
envFrom:
  - configMapRef:
      name: {{ include "elara.fullname" . }}
{{- end }}

{{/* Annotations that roll the pods when their configuration changes. */}}
{{- define "elara.configChecksum" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end }}

{{/*
The initContainer that holds an app pod until the migration Job has brought the schema to this
image's version, so a new pod never runs against an old schema.
*/}}
{{- define "elara.waitForMigrations" -}}
- name: wait-for-migrations
  image: {{ include "elara.image" (dict "root" . "image" "migrate") }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  args: ["node", "services/migrator/src/main.ts", "wait"]
  env:
    {{- include "elara.secretEnv" (dict "name" "DATABASE_URL" "secret" (include "elara.databaseSecretName" .)) | nindent 4 }}
    - name: MIGRATION_WAIT_TIMEOUT_SECONDS
      value: {{ .Values.migrations.waitTimeoutSeconds | quote }}
    - name: LOG_LEVEL
      value: {{ .Values.config.env.LOG_LEVEL | default "info" | quote }}
    {{- include "elara.trustedCaEnv" . | nindent 4 }}
  securityContext:
    {{- include "elara.containerSecurityContext" . | nindent 4 }}
  resources:
    {{- toYaml .Values.migrations.initResources | nindent 4 }}
  volumeMounts:
    {{- include "elara.appMounts" . | nindent 4 }}
{{- end }}

{{/*
Spread replicas over zones and nodes. matchLabelKeys keeps a rollout's new ReplicaSet from counting
the old one's pods. Usage: include "elara.topologySpread" (dict "root" $ "component" "api" "spread" .Values.api.topologySpread)
*/}}
{{- define "elara.topologySpread" -}}
{{- if .spread.enabled -}}
topologySpreadConstraints:
  {{- range $key := list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
  - maxSkew: 1
    topologyKey: {{ $key }}
    whenUnsatisfiable: {{ $.spread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "elara.selectorLabels" $ | nindent 8 }}
    matchLabelKeys: [pod-template-hash]
  {{- end }}
{{- end }}
{{- end }}

{{/* priorityClassName, nodeSelector, tolerations and affinity from a component's values (those that are set). */}}
{{- define "elara.podPlacement" -}}
{{- $placement := dict }}
{{- range $key := list "priorityClassName" "nodeSelector" "tolerations" "affinity" }}
{{- with index $ $key }}{{ $_ := set $placement $key . }}{{ end }}
{{- end }}
{{- with $placement }}{{ toYaml . }}{{ end }}
{{- end }}

{{- define "elara.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets -}}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end }}
