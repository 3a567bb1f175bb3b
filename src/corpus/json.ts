import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { PeelError, type PeelErrorCode } from '../errors.js';

/** Reads a JSON file and validates it; a missing file, bad JSON or a bad field stops with the file and the field named. */
export function readValidatedJson<T>(file: string, schema: z.ZodType<T>, code: PeelErrorCode, component: string): T {
  if (!existsSync(file)) throw new PeelError(code, `${component}: ${file}: file is missing`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PeelError(code, `${component}: ${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new PeelError(code, `${component}: ${file}: ${problems}`);
  }
  return parsed.data;
}
