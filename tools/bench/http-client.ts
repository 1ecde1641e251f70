import { connect, type Socket } from 'node:net';

/** One answer: its status and body. */
export interface HttpAnswer {
  status: number;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A keep-alive HTTP/1.1 connection that sends prebuilt POSTs one at a time and reads answers framed by
 * Content-Length, which is how the API answers GraphQL. It does no more than a load generator needs: on this
 * shared 2-core machine every millisecond the generator spends is taken from the API under test, and node:http's
 * client costs several times more per request (as fetch() costs more again).
 */
class Connection {
  private readonly socket: Socket;
  private chunks: Buffer[] = [];
  private received = 0;
  /** Bytes of the answer in all (head and body) once its head is read; -1 before. */
  private expected = -1;
  private bodyStart = 0;
  private status = 0;
  private waiting?: { resolve: (a: HttpAnswer) => void; reject: (e: Error) => void };
  closed = false;

  constructor(port: number, host: string) {
    this.socket = connect({ port, host, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err: Error): void => {
      this.closed = true;
      this.waiting?.reject(err);
      this.waiting = undefined;
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  send(request: Buffer): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  private onData(chunk: Buffer): void {
    // Chunks are joined once an answer is complete (28 kB arrive in several), not as each arrives.
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.expected < 0) {
      const joined = this.chunks.length > 1 ? Buffer.concat(this.chunks) : chunk;
      this.chunks = [joined];
      const end = joined.indexOf(HEADER_END);
      if (end < 0) return;
      const head = joined.toString('latin1', 0, end);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
      if (length === undefined) {
        this.waiting?.reject(new Error(`answer without Content-Length: ${head.slice(0, 200)}`));
        this.socket.destroy();
        return;
      }
      this.status = Number(head.slice(9, 12));
      this.bodyStart = end + HEADER_END.length;
      this.expected = this.bodyStart + Number(length);
    }
    if (this.received < this.expected) return;
    const all = this.chunks.length > 1 ? Buffer.concat(this.chunks, this.received) : (this.chunks[0] as Buffer);
    const answer = { status: this.status, body: all.subarray(this.bodyStart, this.expected) };
    // One request in flight per connection, so nothing follows an answer.
    this.chunks = [];
    this.received = 0;
    this.expected = -1;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(answer);
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

/** A pool of keep-alive connections to one server: as many as requests in flight. */
export class KeepAliveClient {
  private idle: Connection[] = [];
  private readonly all = new Set<Connection>();

  constructor(
    private readonly port: number,
    private readonly host = '127.0.0.1',
  ) {}

  /** POSTs `body` to `path` with the given extra headers. */
  async post(path: string, headers: Record<string, string>, body: string): Promise<HttpAnswer> {
    const payload = Buffer.from(body);
    const lines = [`POST ${path} HTTP/1.1`, `Host: ${this.host}:${this.port}`, `Content-Length: ${payload.length}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    const request = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
    let connection = this.idle.pop();
    while (connection?.closed) connection = this.idle.pop();
    if (!connection) {
      connection = new Connection(this.port, this.host);
      this.all.add(connection);
    }
    try {
      const answer = await connection.send(request);
      this.idle.push(connection);
      return answer;
    } catch (err) {
      connection.close();
      this.all.delete(connection);
      throw err;
    }
  }

  /** Closes every connection (the server drops those idle for 5 s; reusing one as it closes would fail). */
  reset(): void {
    for (const c of this.all) c.close();
    this.all.clear();
    this.idle = [];
  }
}
