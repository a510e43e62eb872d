{{/*
Generated secrets (trial installs only). A value is generated once with randAlphaNum and kept
across upgrades by reading it back from the live Secret with `lookup`. `helm template` and
`--dry-run` cannot reach the cluster, so there lookup returns nothing and every render shows new
random values; only a real install/upgrade keeps them. The Secrets also carry
`helm.sh/resource-policy: keep`, so an uninstall does not orphan the data they protect.
*/}}

{{/* The live value of a key, or the fresh one. Usage: include "elara.keepOrGenerate" (dict "root" $ "secret" $name "key" "x" "fresh" $value) */}}
{{- define "elara.keepOrGenerate" -}}
{{- $live := lookup "v1" "Secret" .root.Release.Namespace .secret }}
{{- if and $live $live.data (hasKey $live.data .key) }}
{{- index $live.data .key | b64dec }}
{{- else }}
{{- .fresh }}
{{- end }}
{{- end }}
