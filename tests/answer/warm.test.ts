/**
 * The warm-up main runs before /readyz says ready: it must go through every answer path (a grade,
 * a figure, a passage, the improvements, an overview, a decline) about the real report, giving the
 * event loop back between questions so /healthz still answers.
 */
import { describe, expect, it } from 'vitest';
import { warmUp } from '../../src/answer/warm.js';
import { realKnowledge } from '../slack/harness.js';

describe('warmUp', () => {
  it('answers one question of each kind about the first report', async () => {
    const { intents, ms } = await warmUp(realKnowledge());
    expect(intents).toEqual(['judgment', 'metric', 'passage', 'improvement', 'overview', 'none']);
    expect(ms).toBeGreaterThan(0);
  });

  it('gives the event loop back between questions', async () => {
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    await warmUp(realKnowledge());
    clearInterval(ticking);
    // a timer callback runs between the questions, not only after the last one
    expect(turns).toBeGreaterThan(0);
  });
});
