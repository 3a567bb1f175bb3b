/**
 * The one logger: handed to Bolt and the Web API client, and used by the listeners, the digest,
 * the store's pool and the programs. Shared like config and errors (it imports nothing of
 * peel-bot's rooms). Secrets (the tokens and secrets the config names, and anything shaped like a
 * Slack token) are blanked before a line is written, whoever wrote it.
 */
import type { AppOptions, LogLevel } from '@slack/bolt';
import { pino } from 'pino';
import type { LogFormat, LogLevelName } from './config.js';
import { isPeelError } from './errors.js';

/** Bolt's Logger interface (re-exported through AppOptions, so we need no direct @slack/logger dependency). */
export type Logger = NonNullable<AppOptions['logger']>;

const RANK: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const TOKEN_SHAPE = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;

export type LogSink = (level: LogLevelName, line: string) => void;

const toStderr: LogSink = (level, line) => {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
};

function show(part: unknown): string {
  // a PeelError is a failure we expected and named (a store that does not answer, say): its one line says it all
  if (isPeelError(part)) return part.message;
  if (part instanceof Error) return part.stack ?? `${part.name}: ${part.message}`;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

/** A Bolt-compatible logger that writes one redacted line per call. */
export function createLogger(options: { level: LogLevelName; secrets: string[]; sink?: LogSink; name?: string; format?: LogFormat }): Logger {
  let level: LogLevelName = options.level;
  let name = options.name ?? 'peel-bot';
  const sink = options.sink ?? toStderr;
  // longest first, so a secret that contains another is blanked whole
  const secrets = [...options.secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const redact = (text: string) => {
    let out = text;
    for (const s of secrets) out = out.split(s).join('[redacted]');
    return out.replace(TOKEN_SHAPE, '[redacted]');
  };
  // LOG_FORMAT=json: one JSON object per line from pino (time, level, name, msg, and the reference
  // id a user was shown as `ref`); the message is redacted before pino sees it
  let current: LogLevelName = 'info';
  const json =
    options.format === 'json'
      ? pino(
          { base: null, level: 'debug', timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
          { write: (line: string) => sink(current, line.replace(/\n$/, '')) },
        )
      : null;
  const write = (at: LogLevelName, parts: unknown[]) => {
    if (RANK[at] < RANK[level]) return;
    const message = redact(parts.map(show).join(' '));
    if (json) {
      current = at;
      const ref = /^\[(peel-[0-9a-f]{8})\]/.exec(message)?.[1];
      json[at]({ name, ...(ref ? { ref } : {}) }, message);
      return;
    }
    sink(at, `${new Date().toISOString()} ${at.toUpperCase()} ${name} ${message}`);
  };
  return {
    debug: (...m: unknown[]) => write('debug', m),
    info: (...m: unknown[]) => write('info', m),
    warn: (...m: unknown[]) => write('warn', m),
    error: (...m: unknown[]) => write('error', m),
    setLevel: (l: LogLevel) => {
      level = l as LogLevelName;
    },
    getLevel: () => level as LogLevel,
    setName: (n: string) => {
      name = n;
    },
  };
}
