/**
 * The in-process schedule: croner ticks at the start of every minute and runs the due digests.
 * `protect` keeps ticks from overlapping (one waiting out a 429 delays the next rather than racing
 * it; the store's claim would stop a double post anyway).
 */
import { Cron } from 'croner';
import type { Logger } from '../logger.js';

export interface DigestSchedule {
  /** stops ticking and resolves once a tick already running has finished (so the store can close after) */
  stop(): Promise<void>;
  /** the next tick, for logs and tests */
  nextTick(): Date | null;
}

/** Starts ticking every minute, calling `tick` with the tick's time; errors are logged, never thrown. */
export function startDigestSchedule(options: { tick: (now: number) => Promise<unknown>; logger: Logger }): DigestSchedule {
  const { tick, logger } = options;
  let running: Promise<void> | null = null;
  const job = new Cron('* * * * *', { protect: true, unref: false }, async () => {
    running = (async () => {
      try {
        await tick(Date.now());
      } catch (err) {
        logger.error('digest: tick failed:', err);
      }
    })();
    await running;
    running = null;
  });
  return {
    async stop() {
      job.stop();
      if (running) await running;
    },
    nextTick: () => job.nextRun(),
  };
}
