import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trackConnections, type ConnectionDrain } from './connection-drain.ts';

let server: Server;
let agent: Agent;
afterEach(() => {
  agent.destroy();
  server.closeAllConnections();
});

/** A server whose `/slow` answers only when `release()` is called; anything else at once. */
async function serve(): Promise<{ port: number; drain: ConnectionDrain; release: () => void }> {
  const held: Array<() => void> = [];
  server = createServer((req, res) => {
    const answer = () => res.end('ok');
    if (req.url === '/slow') held.push(answer);
    else answer();
  });
  server.keepAliveTimeout = 65_000;
  const drain = trackConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  agent = new Agent({ keepAlive: true });
  const release = () => held.splice(0).forEach((answer) => answer());
  return { port: (server.address() as AddressInfo).port, drain, release };
}

interface Answer {
  statusCode: number | undefined;
  headers: IncomingMessage['headers'];
  socket: Socket;
}

function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      const { statusCode, headers, socket } = res;
      res.resume();
      res.once('end', () => resolve({ statusCode, headers, socket }));
    });
    req.once('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('trackConnections', () => {
  it('keeps connections alive until the shutdown begins', async () => {
    const { port } = await serve();
    expect((await get(port, '/')).headers.connection).toBe('keep-alive');
  });

  it('answers requests in flight and new ones with Connection: close once draining', async () => {
    const { port, drain, release } = await serve();
    const inFlight = get(port, '/slow');
    await sleep(50);
    drain.answerWithClose();
    const duringDrain = await get(port, '/');
    expect(duringDrain.statusCode).toBe(200);
    expect(duringDrain.headers.connection).toBe('close');
    release();
    expect((await inFlight).headers.connection).toBe('close');
  });

  it('leaves idle keep-alive connections open during the drain, so no request sent on one is reset', async () => {
    const { port, drain, release } = await serve();
    const both = Promise.all([get(port, '/slow'), get(port, '/slow')]); // two connections at once
    await sleep(50);
    release();
    const idle = await both;
    const sockets = idle.map((res) => res.socket);
    expect(new Set(sockets).size).toBe(2);
    drain.answerWithClose();
    expect((await get(port, '/')).headers.connection).toBe('close'); // on one of them, closing it
    await sleep(50);
    expect(sockets.filter((s) => !s.destroyed)).toHaveLength(1);
  });

  it('closes at once when a keep-alive request was in flight, not after keepAliveTimeout', async () => {
    const { port, drain, release } = await serve();
    await get(port, '/'); // leaves an idle keep-alive connection in the agent's pool
    const inFlight = get(port, '/slow');
    await sleep(50);
    let closed = false;
    const closing = drain.close().then(() => (closed = true));
    await sleep(100);
    expect(closed).toBe(false); // the request in flight holds the close
    release();
    expect((await inFlight).statusCode).toBe(200);
    await closing;
    expect(server.listening).toBe(false);
  });
});
