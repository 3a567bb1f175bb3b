/**
 * CI smoke of `npm run bench` and `npm run load` with tiny counts, so the scripts keep working as
 * the code under them changes. Only exit codes and the output's keys are asserted: timings on a
 * shared CI machine mean nothing; the real figures come from the full commands (README,
 * "Performance").
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../../bench/app-process.js';

const out = mkdtempSync(join(tmpdir(), 'peel-bench-smoke-'));

/** Runs a bench script the way `npm run` does (tsx), as a child process. */
function runScript(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  // both scripts start the built app; build once here rather than inside each script run
  ensureBuilt(() => {});
}, 120_000);

describe('bench and load smoke', () => {
  it('npm run bench at 1× with one round writes the JSON of issue 6', async () => {
    const file = join(out, 'bench.json');
    const run = await runScript('bench/bench.ts', ['--scales', '1', '--rounds', '1', '--budget-s', '1', '--warmup-s', '0.2', '--cold', '1', '--out', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/answer p99 ms/);
    expect(run.stdout).toMatch(/MiniSearch p99 ms/);
    expect(run.stdout).toMatch(/cold start 1×/);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { runs: Record<string, number>[]; cold_start_ms: Record<string, number> };
    expect(Object.keys(json)).toEqual(['runs', 'cold_start_ms']);
    expect(json.runs).toHaveLength(1);
    expect(Object.keys(json.runs[0]!)).toEqual([
      'scale',
      'passages',
      'build_ms',
      'answer_p50_ms',
      'answer_p99_ms',
      'minisearch_p50_ms',
      'minisearch_p99_ms',
      'rss_mb',
    ]);
    expect(json.runs[0]!.scale).toBe(1);
    for (const value of Object.values(json.runs[0]!)) expect(value).toEqual(expect.any(Number));
    expect(json.cold_start_ms['1']).toEqual(expect.any(Number));
  }, 60_000);

  it('npm run load at 20 requests a second for 1 s warm-up + 2 s reports acks, errors and answers', async () => {
    const file = join(out, 'load.json');
    const run = await runScript('bench/load.ts', ['--rate', '20', '--seconds', '2', '--warmup-s', '1', '--drain-s', '10', '--out', file]);
    expect(run.code, run.stderr).toBe(0);
    for (const line of ['ack latency (', 'errors:', 'answered exactly once:', 'targets (issue 6)']) expect(run.stdout).toContain(line);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({
      rate: 20,
      seconds: 2,
      sent: 60,
      measured: 40,
      ack_p50_ms: expect.any(Number),
      ack_p99_ms: expect.any(Number),
      errors: { total: expect.any(Number), non_2xx: expect.any(Number), connection: expect.any(Number), timeout: expect.any(Number) },
      answered_once: expect.any(Number),
      unanswered: expect.any(Number),
      answered_more_than_once: expect.any(Number),
      targets: { ack_p99_le_50ms: expect.any(Boolean), no_errors: expect.any(Boolean), each_answered_once: expect.any(Boolean) },
    });
  }, 60_000);
});
