import { describe, expect, it } from 'vitest';
import { metricNamesIn } from './promql-names.ts';

describe('metricNamesIn', () => {
  it('keeps metric and recorded names, drops functions, labels, ranges and keywords', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, exported_job) (rate(elara_job_duration_seconds_bucket{outcome=~"a|b"}[$__rate_interval])))',
      ),
    ).toEqual(['elara_job_duration_seconds_bucket']);
    expect(
      metricNamesIn(
        'elara:webhook_errors:ratio_rate1h > (14.4 * 0.001) and on () sum(elara:webhook_requests:rate5m) > 1e-3',
      ),
    ).toEqual(['elara:webhook_errors:ratio_rate1h', 'elara:webhook_requests:rate5m']);
    expect(
      metricNamesIn(
        'label_replace(up{job="redis"} == 0 or redis_up, "job_name", "$1", "exported_job", "(.*)")',
      ),
    ).toEqual(['redis_up', 'up']);
    expect(
      metricNamesIn('sum(increase(elara_verdicts_total{tenant_id=~"$tenant_id"}[$__range])) offset 1h'),
    ).toEqual(['elara_verdicts_total']);
  });
});
