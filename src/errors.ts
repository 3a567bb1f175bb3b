/**
 * The one errors module (bolt-js style): every failure peel-bot raises on purpose carries a code,
 * so callers and tests can branch on the code and assert on a message that names the component
 * and the bad value.
 */

export const PEEL_ERROR_CODES = [
  'CORPUS_INVALID',
  'INTENTS_INVALID',
  'CONFIG_INVALID',
  'STORE_FAILED',
  'SLACK_FAILED',
  'ANSWER_FAILED',
  'COMMAND_INVALID',
  'COMPILE_FAILED',
] as const;
export type PeelErrorCode = (typeof PEEL_ERROR_CODES)[number];

/** An expected failure of a named component; `message` says what was wrong and with which value. */
export class PeelError extends Error {
  readonly code: PeelErrorCode;

  constructor(code: PeelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PeelError';
    this.code = code;
  }
}

/** True when `err` is a PeelError (optionally of `code`). */
export function isPeelError(err: unknown, code?: PeelErrorCode): err is PeelError {
  return err instanceof PeelError && (code === undefined || err.code === code);
}
