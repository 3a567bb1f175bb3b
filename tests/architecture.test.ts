import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The one-way flow of ../shared/DESIGN.md: a module imports only from stages above it.
 * Shared modules (config, errors) may be imported by any stage.
 */
const STAGES = ['words', 'corpus', 'facts', 'search', 'library', 'answer', 'render', 'store', 'slack', 'digest', 'cli', 'main'];
const SHARED = new Set(['config', 'errors', 'metrics', 'logger']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function stageOf(file: string): string {
  const top = relative('src', file).split(/[\\/]/)[0]!.replace(/\.ts$/, '');
  return top;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/g)].map((m) => join(file, '..', m[1]!.replace(/\.js$/, '.ts')));
}

describe('architecture', () => {
  const all = files('src');

  it('keeps data flowing one way: words → corpus → facts → search → library → answer → render → store → slack → digest → cli → main', () => {
    const violations: string[] = [];
    for (const file of all) {
      const from = stageOf(file);
      for (const target of importsOf(file)) {
        const to = stageOf(target);
        if (SHARED.has(to) || to === from) continue;
        if (!STAGES.includes(from) && !SHARED.has(from)) violations.push(`${file}: unknown stage ${from}`);
        else if (SHARED.has(from)) violations.push(`${file} (shared) imports ${target}`);
        else if (STAGES.indexOf(to) > STAGES.indexOf(from)) violations.push(`${file} imports later stage ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map(all.map((f) => [f, importsOf(f).filter((t) => all.includes(t))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'visiting');
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of all) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('keeps the store one room with two engines: outside src/store only its interface and opener are imported, and only the store touches a database driver', () => {
    const outside = all.filter((f) => stageOf(f) !== 'store');
    const engineImports = outside.flatMap((f) =>
      importsOf(f)
        .filter((t) => stageOf(t) === 'store' && !/store[\\/](store|open)\.ts$/.test(t))
        .map((t) => `${f} imports ${t}`),
    );
    const drivers = outside.filter((f) => /from ['"](pg|better-sqlite3)['"]/.test(readFileSync(f, 'utf8')));
    expect([...engineImports, ...drivers]).toEqual([]);
  });

  it('reads process.env only in config', () => {
    const readers = all.filter((f) => !f.endsWith('config.ts') && /process\.env/.test(readFileSync(f, 'utf8')));
    expect(readers).toEqual([]);
  });
});
