{{/*
A `helm test` pod that fetches URLs from inside the cluster with Node's fetch (the api image; no
curl needed) and fails unless each answers 200 and, when given, contains a text. It retries for
about 30 s, since a test may start while pods are still becoming ready.
Usage: include "elara.testPod" (dict "root" $ "name" "api" "checks" (list (dict "url" "..." "contains" "...")))
*/}}
{{- define "elara.testPod" -}}
{{- $root := .root }}
{{- $ctx := dict "root" $root "component" "test" }}
apiVersion: v1
kind: Pod
metadata:
  name: {{ include "elara.componentName" (dict "root" $root "component" "test" "suffix" .name) }}
  labels:
    {{- include "elara.labels" $ctx | nindent 4 }}
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  {{- with include "elara.imagePullSecrets" $root }}{{ . | nindent 2 }}{{ end }}
  securityContext:
    {{- include "elara.podSecurityContext" 10001 | nindent 4 }}
  containers:
    - name: check
      image: {{ include "elara.image" (dict "root" $root "image" "api") }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      args:
        - node
        - --input-type=module
        - -e
        - |
          const checks = JSON.parse(process.env.CHECKS);
          const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
          async function check({ url, contains }) {
            const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
            const body = await response.text();
            if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
            if (contains && !body.includes(contains)) throw new Error(`${url} lacks ${contains}`);
          }
          for (const c of checks) {
            for (let attempt = 1; ; attempt++) {
              try {
                await check(c);
                console.log(`ok ${c.url}`);
                break;
              } catch (error) {
                if (attempt === 15) throw error;
                console.log(`retrying ${c.url}: ${error.message}`);
                await sleep(2000);
              }
            }
          }
      env:
        - name: CHECKS
          value: {{ toJson .checks | quote }}
      securityContext:
        {{- include "elara.containerSecurityContext" $root | nindent 8 }}
      resources:
        {{- toYaml $root.Values.tests.resources | nindent 8 }}
      volumeMounts:
        {{- include "elara.tmpMount" $root | nindent 8 }}
  volumes:
    {{- include "elara.tmpVolume" $root | nindent 4 }}
{{- end }}
