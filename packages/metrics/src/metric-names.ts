/**
 * Every metric name Elara's services export, and nothing else: dashboards and alert rules may use
 * only these (plus the `_bucket`, `_sum` and `_count` series of histograms, see
 * `METRIC_SERIES_NAMES`). `metrics.test.ts` fails when a registry exports a name missing here.
 */

/** Elara's own metrics (`createMetrics`), whichever service exports them. */
export const ELARA_METRIC_NAMES = [
  'elara_webhook_requests_total',
  'elara_webhook_ack_duration_seconds',
  'elara_queue_jobs',
  'elara_queue_oldest_waiting_age_seconds',
  'elara_dead_letters',
  'elara_job_duration_seconds',
  'elara_webhook_to_reply_seconds',
  'elara_verdicts_total',
  'elara_provider_sends_total',
  'elara_rate_limit_rejections_total',
  'elara_relay_requeued_total',
  'elara_sender_cache_lookups_total',
] as const;

/** prom-client's default process and Node.js metrics, collected with the `elara_` prefix. */
export const DEFAULT_METRIC_NAMES = [
  'elara_process_cpu_user_seconds_total',
  'elara_process_cpu_system_seconds_total',
  'elara_process_cpu_seconds_total',
  'elara_process_start_time_seconds',
  'elara_process_resident_memory_bytes',
  'elara_process_virtual_memory_bytes',
  'elara_process_heap_bytes',
  'elara_process_open_fds',
  'elara_process_max_fds',
  'elara_nodejs_eventloop_lag_seconds',
  'elara_nodejs_eventloop_lag_min_seconds',
  'elara_nodejs_eventloop_lag_max_seconds',
  'elara_nodejs_eventloop_lag_mean_seconds',
  'elara_nodejs_eventloop_lag_stddev_seconds',
  'elara_nodejs_eventloop_lag_p50_seconds',
  'elara_nodejs_eventloop_lag_p90_seconds',
  'elara_nodejs_eventloop_lag_p99_seconds',
  'elara_nodejs_active_resources',
  'elara_nodejs_active_resources_total',
  'elara_nodejs_active_handles',
  'elara_nodejs_active_handles_total',
  'elara_nodejs_active_requests',
  'elara_nodejs_active_requests_total',
  'elara_nodejs_heap_size_total_bytes',
  'elara_nodejs_heap_size_used_bytes',
  'elara_nodejs_external_memory_bytes',
  'elara_nodejs_heap_space_size_total_bytes',
  'elara_nodejs_heap_space_size_used_bytes',
  'elara_nodejs_heap_space_size_available_bytes',
  'elara_nodejs_version_info',
  'elara_nodejs_gc_duration_seconds',
] as const;

/** Every metric (family) name any Elara service exports. */
export const METRIC_NAMES: readonly string[] = [...ELARA_METRIC_NAMES, ...DEFAULT_METRIC_NAMES];

/** The histograms among them: each is exported as `_bucket`, `_sum` and `_count` series. */
export const HISTOGRAM_NAMES: readonly string[] = [
  'elara_webhook_ack_duration_seconds',
  'elara_job_duration_seconds',
  'elara_webhook_to_reply_seconds',
  'elara_nodejs_gc_duration_seconds',
];

/** Every series name a query can use: plain metrics, and histograms' three series each. */
export const METRIC_SERIES_NAMES: readonly string[] = METRIC_NAMES.flatMap((name) =>
  HISTOGRAM_NAMES.includes(name) ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name],
);

export type MetricName = (typeof ELARA_METRIC_NAMES)[number];
