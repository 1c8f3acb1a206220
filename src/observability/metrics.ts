import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one instance: commands, conflicts, append latency, projection lag, HTTP. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'confiance_commands_total',
    help: 'Commands handled, by command and outcome (ok or the problem kind)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly conflicts = new Counter({
    name: 'confiance_append_conflicts_total',
    help: 'Appends refused because the stream had moved on (retried or answered 409)',
    registers: [this.registry],
  });
  readonly appendSeconds = new Histogram({
    name: 'confiance_append_duration_seconds',
    help: 'Time from append to durable acknowledgement',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly httpSeconds = new Histogram({
    name: 'confiance_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly projectionLag = new Gauge({
    name: 'confiance_projection_lag_events',
    help: 'Events the read model is behind the head of the log',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly liveSubscriptionFailures = new Counter({
    name: 'confiance_live_subscription_failures_total',
    help: 'Times the live subscription feeding the read models failed (it is subscribed again from the checkpoint)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'confiance_' });
    // Gauges must not end in _total (Prometheus naming, which promtool checks);
    // these three are sums of the per-type gauges kept beside them.
    for (const total of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
      this.registry.removeSingleMetric(`confiance_nodejs_${total}`);
    }
  }
}
