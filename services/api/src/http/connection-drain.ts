import type { Server, ServerResponse } from 'node:http';

export interface ConnectionDrain {
  /** From now on every answer, including those of requests in flight, carries `Connection: close`. */
  answerWithClose(): void;
  /**
   * Stops accepting connections, closes idle keep-alive ones, and resolves once every request in
   * flight has been answered and its connection closed.
   */
  close(): Promise<void>;
}

/**
 * Keeps track of the requests in flight on `server` so a shutdown can let them finish while asking
 * clients not to reuse their connections. Without this, a keep-alive connection whose request was
 * in flight at `server.close()` would stay open (and the close pending) until `keepAliveTimeout`.
 * Attach it before the server listens, so it sees every request before the app does.
 */
export function trackConnections(server: Server): ConnectionDrain {
  const inFlight = new Set<ServerResponse>();
  let answeringWithClose = false;
  let listenerClosed = false;
  const askToClose = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (answeringWithClose) askToClose(res);
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      // An answer whose headers went out before the shutdown leaves its connection idle. Only once
      // the listener is closed: during the drain, closing idle connections would reset requests
      // that clients are sending on them at that moment.
      if (listenerClosed) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    answerWithClose() {
      answeringWithClose = true;
      for (const res of inFlight) askToClose(res);
    },
    async close() {
      this.answerWithClose();
      listenerClosed = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
}
