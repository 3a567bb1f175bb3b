import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDigestSchedule } from '../../src/digest/schedule.js';
import { createLogger } from '../../src/logger.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the in-process schedule', () => {
  it('ticks at the start of every minute until stopped, and logs a failing tick without stopping', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-05-12T08:29:30Z') });
    const ticks: string[] = [];
    const logs: string[] = [];
    const schedule = startDigestSchedule({
      tick: async (now) => {
        ticks.push(new Date(now).toISOString());
        if (ticks.length === 1) throw new Error('store busy');
      },
      logger: createLogger({ level: 'debug', secrets: [], sink: (_l, line) => logs.push(line) }),
    });
    expect(schedule.nextTick()!.toISOString()).toBe('2026-05-12T08:30:00.000Z');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(ticks.map((t) => t.slice(11, 16))).toEqual(['08:30', '08:31']);
    expect(logs.join('\n')).toContain('digest: tick failed: Error: store busy');
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(ticks).toHaveLength(2);
  });
});
