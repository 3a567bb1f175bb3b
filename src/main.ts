/**
 * Composition root: load config → build knowledge → open the store → start the Slack app and
 * the digest schedule. Nothing else. A failure to start exits non-zero with one clear line.
 */
import { loadKnowledge } from './answer/knowledge.js';
import { loadConfig, readEnvironment, secretsOf } from './config.js';
import { createDigest } from './digest/service.js';
import { createPeelApp } from './slack/app.js';
import { createLogger } from './slack/logger.js';
import { openStore } from './store/sqlite.js';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const kb = loadKnowledge({ corpusDir: config.corpusDir, intentsDir: config.intentsDir });
  const store = openStore(config.databasePath);
  const digest = createDigest({ config, kb, store, logger });
  const peel = createPeelApp({ config, kb, store, logger, digest: digest.command });
  const { port } = await peel.start();
  const schedule = digest.startSchedule();
  logger.info(
    config.mode === 'socket'
      ? `peel-bot: Socket Mode, ${kb.reports.length} report(s); /healthz on port ${port}`
      : `peel-bot: HTTP mode on port ${port} (/slack/events, /healthz), ${kb.reports.length} report(s)`,
  );

  const shutdown = (signal: string) => {
    logger.info(`peel-bot: ${signal}, stopping`);
    schedule
      .stop()
      .then(() => peel.stop())
      .catch((err: unknown) => logger.error('peel-bot: stop failed:', err))
      .finally(() => {
        store.close();
        process.exit(0);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // one line: what failed and why; PeelError messages already name the component and value
  process.stderr.write(`peel-bot: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
