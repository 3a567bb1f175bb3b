/**
 * The HTTP edge, with raw sockets where fetch would hide what happens: a body over 1 MB gets 413
 * before it has been read (a declared one at once, a chunked one as soon as it passes the limit,
 * the connection closed rather than drained), and slow or hung clients are timed out. The limits
 * and timeouts are the real ones except the timeouts, shortened so the test is quick.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HTTP_LIMITS } from '../../src/slack/app.js';
import { eventEnvelope, postSigned } from '../slack/harness.js';
import { type FaultHarness, startFaultHarness } from './harness.js';

const unhandled = vi.fn();
beforeAll(() => {
  process.on('unhandledRejection', unhandled);
});
afterAll(() => {
  process.off('unhandledRejection', unhandled);
});

let h: FaultHarness;
beforeAll(async () => {
  h = await startFaultHarness({
    logLevel: 'info',
    httpLimits: { headersTimeoutMs: 400, requestTimeoutMs: 700, keepAliveTimeoutMs: 300, checkIntervalMs: 100 },
  });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(unhandled).not.toHaveBeenCalled();
});

const MB = 1024 * 1024;

interface RawConnection {
  socket: Socket;
  /** everything the server sent so far */
  received(): string;
  /** resolves when the server closes the connection, with the time it took from open */
  closed: Promise<number>;
}

function open(): Promise<RawConnection> {
  const port = Number(new URL(h.url).port);
  return new Promise((resolveOpen, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('error', () => {}); // EPIPE/ECONNRESET once the server hangs up: expected here
    const closed = new Promise<number>((r) => socket.on('close', () => r(Date.now() - started)));
    socket.once('connect', () => resolveOpen({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const head = (headers: Record<string, string | number>) =>
  `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

describe('request bodies over 1 MB', () => {
  it('the limit is 1 MB', () => {
    expect(HTTP_LIMITS.maxBodyBytes).toBe(MB);
  });

  it('a declared Content-Length over 1 MB gets 413 at once, before any of the body is sent, and the connection is closed', async () => {
    const c = await open();
    c.socket.write(head({ 'Content-Type': 'application/json', 'Content-Length': 50 * MB, 'X-Slack-Request-Timestamp': Math.floor(Date.now() / 1000), 'X-Slack-Signature': 'v0=00' }));
    const took = await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(took).toBeLessThan(1000);
    expect(h.logs.join('\n')).toMatch(/refused a 52428800-byte body/);
  });

  it('a chunked body gets 413 as soon as it passes 1 MB, while the client is still sending', async () => {
    const c = await open();
    c.socket.write(head({ 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'X-Slack-Request-Timestamp': Math.floor(Date.now() / 1000), 'X-Slack-Signature': 'v0=00' }));
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    // 1.5 MB, then stall without the final chunk: the body is never complete
    while (sent < 1.5 * MB && !c.socket.destroyed && c.received() === '') {
      c.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      sent += chunk.length;
      await new Promise((r) => setImmediate(r));
    }
    const took = await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(1.5 * MB); // the answer came before the client had sent it all
    expect(took).toBeLessThan(3000); // and the connection did not stay open for the rest
  });

  it('a signed request just under the limit is still read, verified and acknowledged', async () => {
    const padding = 'p'.repeat(MB - 2000);
    const body = eventEnvelope({ type: 'app_mention', user: 'U1', text: '<@UBOT> grades?', ts: '1.1', channel: 'C1', padding });
    expect(body.length).toBeLessThan(MB);
    const res = await postSigned(h, body, 'application/json');
    expect(res.status).toBe(200);
  });

  it('an oversized body is refused before its signature is checked (no 401, no verification log)', async () => {
    const body = JSON.stringify({ type: 'event_callback', padding: 'q'.repeat(MB + 10) });
    const res = await postSigned(h, body, 'application/json', { signature: 'v0=bad' });
    expect(res.status).toBe(413);
  });
});

describe('slow and hung clients', () => {
  it('a client that never finishes its headers is disconnected after the headers timeout', async () => {
    const c = await open();
    c.socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slack-Signature: v0=');
    const took = await c.closed;
    expect(took).toBeLessThan(2000);
    expect(c.received()).toMatch(/^$|^HTTP\/1\.1 408 /);
  });

  it('a client that stops halfway through its body gets 408 after the request timeout', async () => {
    const c = await open();
    c.socket.write(head({ 'Content-Type': 'application/json', 'Content-Length': 1000, 'X-Slack-Request-Timestamp': Math.floor(Date.now() / 1000), 'X-Slack-Signature': 'v0=00' }));
    c.socket.write('{"type":"event_callback"');
    const took = await c.closed;
    expect(took).toBeLessThan(2500);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const c = await open();
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const took = await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(took).toBeLessThan(2000);
  });

  it('the app keeps serving after all of that', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
