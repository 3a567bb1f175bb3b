/**
 * The HTTP routes beside /slack/events that an operator and a load balancer use: /healthz
 * (liveness), /readyz (readiness) and /metrics (Prometheus text).
 */
import type { HTTPReceiverOptions } from '@slack/bolt';
import type { Knowledge } from '../library/knowledge.js';
import { registry } from '../metrics.js';
import type { PeelStore } from '../store/store.js';

export type CustomRoute = NonNullable<HTTPReceiverOptions['customRoutes']>[number];

/** Where the answerer is: warming up after start (src/answer/warm.ts), ready, or failed to warm up. */
export type AnswererState = 'warming up' | 'ready' | 'failed';

/** GET /healthz → 200 {"status":"ok","reports":N,"uptime":seconds}, for load balancers and humans. */
export function healthRoute(kb: Knowledge, now: () => number): CustomRoute {
  const startedAt = now();
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const body = JSON.stringify({ status: 'ok', reports: kb.reports.length, uptime: Math.round((now() - startedAt) / 1000) });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(body);
    },
  };
}

/**
 * GET /readyz: 200 {"status":"ready"} once Slack accepted the token, the answerer has warmed up
 * (src/answer/warm.ts) and the store answers a query (on PostgreSQL, the database itself); 503
 * with the failing check while starting, after a failed check or warm-up, or while shutting
 * down. /healthz stays the liveness check.
 */
export function readyRoute(state: { slackReady: () => boolean; answers: () => AnswererState; stopping: () => boolean; store: Pick<PeelStore, 'ping'> }): CustomRoute {
  return {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      const reply = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (state.stopping()) return reply(503, { status: 'stopping' });
      if (!state.slackReady()) return reply(503, { status: 'starting', slack: 'not yet verified' });
      // a warm-up that failed (a report or WordNet that will not load) would fail real questions too: not ready
      if (state.answers() === 'failed') return reply(503, { status: 'unready', slack: 'ok', answers: 'the warm-up failed; see the log' });
      if (state.answers() === 'warming up') return reply(503, { status: 'starting', slack: 'ok', answers: 'warming up' });
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref());
      Promise.race([state.store.ping(), timeout]).then(
        () => reply(200, { status: 'ready', slack: 'ok', store: 'ok' }),
        (err: unknown) => reply(503, { status: 'unready', slack: 'ok', store: err instanceof Error ? err.message : String(err) }),
      );
    },
  };
}

/** GET /metrics: the counters of src/metrics.ts in Prometheus' text format. */
export function metricsRoute(): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) => {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': registry.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    },
  };
}
