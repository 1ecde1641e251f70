import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of PostgreSQL whose answers arrive late, as toxiproxy's latency toxic does (downstream). */
export interface LatencyProxy {
  port: number;
  /** Delay of every later chunk from the database, in milliseconds; bytes never overtake earlier ones. */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export async function startLatencyProxy(target: { host: string; port: number }): Promise<LatencyProxy> {
  let latency = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    // When the last chunk is due: a chunk sent after a latency change still waits for the ones before it.
    let lastDue = 0;
    upstream.on('data', (chunk) => {
      lastDue = Math.max(Date.now() + latency, lastDue);
      setTimeout(() => client.write(chunk), lastDue - Date.now());
    });
    client.on('data', (chunk) => upstream.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) socket.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    setLatency: (ms) => {
      latency = ms;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
