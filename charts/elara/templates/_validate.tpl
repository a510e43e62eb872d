{{/*
Guards for configurations that would render but not run. Each fails `helm install`/`template`
with a message that says what to set.
*/}}
{{- define "elara.validate" -}}
{{- $v := .Values }}
{{- if and (not $v.secrets.existingSecret) (not (include "elara.trial" .)) }}
{{- fail "secrets.existingSecret is required: name a Secret with DATABASE_URL, DATABASE_OWNER_URL, REDIS_URL, ELARA_SECRETS_KEY, AUTH_JWT_PRIVATE_KEY and AUTH_API_KEY_PEPPER (only a trial install, with postgres.mode=bundled and redis.mode=bundled, generates them)" }}
{{- end }}
{{- if and $v.ingress.enabled (not $v.ingress.hosts) }}
{{- fail "ingress.enabled needs ingress.hosts (at least one host)" }}
{{- end }}
{{- if and (eq $v.worker.autoscaling.mode "keda") (not $v.worker.autoscaling.keda.serverAddress) }}
{{- fail "worker.autoscaling.mode=keda needs worker.autoscaling.keda.serverAddress (the Prometheus URL KEDA queries)" }}
{{- end }}
{{- if and (gt (int $v.scheduler.replicas) 1) (not $v.scheduler.leaderElection.enabled) }}
{{- fail "scheduler.replicas > 1 needs scheduler.leaderElection.enabled: two active schedulers would both create the recurring jobs" }}
{{- end }}
{{- $le := $v.scheduler.leaderElection }}
{{- /* The scheduler refuses the same timings at start (validateLeaseTimings): fail here, not in a crash loop. */}}
{{- if and $le.enabled (not (and (gt (int $le.leaseDurationSeconds) (int $le.renewDeadlineSeconds)) (gt (mul 10 (int $le.renewDeadlineSeconds)) (mul 12 (int $le.retryPeriodSeconds))))) }}
{{- fail "scheduler.leaderElection needs leaseDurationSeconds > renewDeadlineSeconds > 1.2 × retryPeriodSeconds, or two schedulers could both think they lead" }}
{{- end }}
{{- range $component := list "api" "worker" "scheduler" }}
{{- $c := index $v $component }}
{{- if le (int $c.terminationGracePeriodSeconds) (add $c.preStopSleepSeconds $c.shutdownTimeoutSeconds | int) }}
{{- fail (printf "%s.terminationGracePeriodSeconds (%v) must exceed preStopSleepSeconds + shutdownTimeoutSeconds (%v + %v), or the kubelet kills the pod mid-shutdown" $component $c.terminationGracePeriodSeconds $c.preStopSleepSeconds $c.shutdownTimeoutSeconds) }}
{{- end }}
{{- end }}
{{- if gt (int $v.api.autoscaling.minReplicas) (int $v.api.autoscaling.maxReplicas) }}
{{- fail "api.autoscaling.minReplicas must not exceed maxReplicas" }}
{{- end }}
{{- if gt (int $v.worker.autoscaling.minReplicas) (int $v.worker.autoscaling.maxReplicas) }}
{{- fail "worker.autoscaling.minReplicas must not exceed maxReplicas" }}
{{- end }}
{{- end }}
