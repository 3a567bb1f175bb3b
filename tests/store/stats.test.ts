import { describe, expect, it } from 'vitest';
import { formatStats } from '../../src/cli/stats.js';
import { openSqliteStore } from '../../src/store/sqlite.js';

describe('formatStats', () => {
  it('prints counts by intent, unanswered questions and feedback', async () => {
    const store = openSqliteStore(':memory:', { now: () => Date.UTC(2025, 0, 2, 3, 4) });
    await store.recordQuestion('T1', 'dm', { question: 'grade?', intent: 'judgment', answered: true });
    await store.recordQuestion('T1', 'dm', { question: 'who is the chief constable?', intent: 'none', answered: false });
    await store.recordFeedback('T1', 'a', 'U1', 'down', { question: 'grade?', intent: 'judgment' });
    const text = formatStats(await store.stats(null));
    expect(text).toContain('Questions asked: 2');
    expect(text).toMatch(/ {2}judgment +1\n/);
    expect(text).toMatch(/ {2}none +1 {2}\(1 unanswered\)/);
    expect(text).toContain('1 × who is the chief constable?  (last 2025-01-02 03:04)');
    expect(text).toContain('Feedback: 👍 0  👎 1');
    expect(text).toContain('👎 [judgment] grade?');
  });
});
