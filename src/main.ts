/**
 * Composition root: load config → build knowledge → open the store → start the Slack app and
 * the digest schedule, and stop them in order on a signal. Nothing else. A failure to start exits
 * non-zero with one clear line.
 */
import { getHeapStatistics } from 'node:v8';
import { heapAdvice, loadKnowledge } from './library/knowledge.js';
import { loadConfig, readEnvironment, secretsOf } from './config.js';
import { createDigest } from './digest/service.js';
import { createPeelApp } from './slack/app.js';
import type { AnswererState } from './slack/routes.js';
import { warmUp } from './answer/warm.js';
import { createLogger } from './logger.js';
import { installationStore } from './slack/oauth.js';
import { openStore } from './store/open.js';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), format: config.logFormat });
  const advice = heapAdvice(config.reportCache, getHeapStatistics().heap_size_limit / 2 ** 20);
  if (advice) logger.warn(advice);
  const kb = loadKnowledge({ corpusDir: config.corpusDir, intentsDir: config.intentsDir, compiledDir: config.compiledDir, reportCache: config.reportCache, onWarn: (m) => logger.warn(m) });
  const store = await openStore(config, { onIdleError: (message) => logger.warn(message), tokenEncryptionKey: config.tokenEncryptionKey });
  // many workspaces: each one's token comes from its installation, for answers and digests alike
  const installations = config.oauth ? installationStore(store, logger) : undefined;
  const digest = createDigest({ config, kb, store, logger, ...(installations ? { tokenFor: (team) => installations.botToken(team) } : {}) });
  let answers: AnswererState = 'warming up';
  const peel = createPeelApp({ config, kb, store, logger, digest: digest.command, answers: () => answers, ...(installations ? { installations } : {}) });
  let port: number | null;
  let teamId: string | null;
  try {
    ({ port, teamId } = await peel.start());
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  const schedule = digest.startSchedule(() => store.sweep());
  // one workspace: what was stored before workspaces were kept becomes its own (a failure only postpones it)
  if (teamId) await store.adoptWorkspace(teamId).catch((err: unknown) => logger.warn('store: giving older rows to this workspace failed; they wait for the next start:', err));
  logger.info(
    config.mode === 'socket'
      ? `peel-bot: Socket Mode, ${kb.reports.length} report(s), store: ${store.where}; /healthz on port ${port}`
      : `peel-bot: HTTP mode on port ${port} (/slack/events, /healthz${config.oauth ? ', /slack/install' : ''}), ${config.oauth ? 'many workspaces, ' : ''}${kb.reports.length} report(s), store: ${store.where}`,
  );

  installShutdown({ logger, peel, schedule, store });
  // after listening, so /healthz answers while it runs; /readyz says ready once it is done
  // (in Socket Mode events already flow: the warm-up only spares the first questions its loads)
  answers = await warmUp(kb).then(
    ({ intents, ms }) => {
      logger.info(`peel-bot: ready (answerer warmed up with ${intents.length} questions in ${Math.round(ms)} ms)`);
      return 'ready' as const;
    },
    (err: unknown) => {
      logger.error('peel-bot: the warm-up failed, so /readyz says unready (questions will likely fail the same way):', err);
      return 'failed' as const;
    },
  );
}

/** The whole of a shutdown must fit in this (orchestrators usually kill 10 s after SIGTERM; we aim for 5). */
const SHUTDOWN_DEADLINE_MS = 4_500;

/**
 * SIGTERM/SIGINT: stop accepting and let answers in flight finish (peel.stop), stop the digest
 * schedule (waiting for a tick already posting), close the database, exit 0. A second signal, or
 * the deadline passing, exits at once without waiting (128 + signal number, or 1).
 */
function installShutdown(parts: {
  logger: ReturnType<typeof createLogger>;
  peel: ReturnType<typeof createPeelApp>;
  schedule: { stop(): Promise<void> };
  store: { close(): Promise<void> };
}): void {
  const { logger, peel, schedule, store } = parts;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`peel-bot: ${signal} again, exiting now without waiting`);
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    }
    stopping = true;
    peel.beginShutdown(); // /readyz says 503 from now on
    logger.info(`peel-bot: ${signal}, stopping (a second signal exits at once)`);
    const deadline = setTimeout(() => {
      logger.error(`peel-bot: shutdown took over ${SHUTDOWN_DEADLINE_MS} ms, exiting now`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    const step = (what: string, work: () => Promise<void>) =>
      work().then(
        () => logger.info(`peel-bot: ${what}`),
        (err: unknown) => logger.error(`peel-bot: ${what} failed:`, err),
      );
    void Promise.all([step('stopped accepting; answers in flight finished', () => peel.stop()), step('digest schedule stopped', () => schedule.stop())])
      .then(() => step('database closed, exiting', () => store.close()))
      .then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err: unknown) => {
  // one line: what failed and why; PeelError messages already name the component and value
  // one line even when a library's message has several
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
  process.stderr.write(`peel-bot: cannot start: ${message}\n`);
  process.exit(1);
});
