/**
 * What an operator counts (prom-client, served at GET /metrics in Prometheus' text format): the
 * questions asked by surface, intent and whether the report answered, how long answering took,
 * every Slack call by method and outcome, digests by outcome, duplicate events dropped, and
 * Node's own process metrics. Shared by the rooms that count, like config and errors: it imports
 * nothing of peel-bot's.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'peel_' });

export const questions = new Counter({
  name: 'peel_questions_total',
  help: 'Questions answered, by surface, intent and whether the report answered them',
  labelNames: ['surface', 'intent', 'answered'] as const,
  registers: [registry],
});

export const answerSeconds = new Histogram({
  name: 'peel_answer_seconds',
  help: 'Time to answer one question from the reports (search, facts, composing), not counting Slack',
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
  registers: [registry],
});

const slackCalls = new Counter({
  name: 'peel_slack_calls_total',
  help: 'Calls to Slack (Web API methods and response_url), by method and outcome: ok, the Slack error code, http_<status> or network',
  labelNames: ['method', 'outcome'] as const,
  registers: [registry],
});

export const digests = new Counter({
  name: 'peel_digests_total',
  help: 'Digest deliveries by outcome: sent, failed, uncertain, paused',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const duplicateEvents = new Counter({
  name: 'peel_events_deduplicated_total',
  help: 'Events not answered again because another delivery of them (a retry, or another replica) already was',
  registers: [registry],
});

/** Counts a call to Slack by method and outcome (peel_slack_calls_total), passing the response on untouched. */
export async function counted(input: Parameters<typeof fetch>[0], call: Promise<Response>): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const method = /\/api\/([\w.]+)/.exec(url)?.[1] ?? 'response_url';
  let res: Response;
  try {
    res = await call;
  } catch (err) {
    slackCalls.inc({ method, outcome: 'network' });
    throw err;
  }
  if (!res.ok) slackCalls.inc({ method, outcome: `http_${res.status}` });
  else if (method === 'response_url') slackCalls.inc({ method, outcome: 'ok' });
  else {
    const body = (await res.clone().json().catch(() => null)) as { ok?: boolean; error?: string } | null;
    slackCalls.inc({ method, outcome: body?.ok ? 'ok' : (body?.error ?? 'not_json') });
  }
  return res;
}
