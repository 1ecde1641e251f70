import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

/** The standard antivirus test file: every scanner reports it, and it harms nothing. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * How the double answers: `scan` as clamd does (EICAR found, anything else OK); `garbage` with an error line;
 * `silent` never; `reset` by dropping the connection.
 */
export type ClamdMode = 'scan' | 'garbage' | 'silent' | 'reset';

/**
 * A stand-in for ClamAV's daemon that speaks its INSTREAM protocol over TCP (there is no clamd, nor any virus
 * database, on the machines that run the tests). It reassembles the length-prefixed chunks it is sent, so a
 * test can check that the scanner saw exactly the uploaded bytes.
 */
export class ClamdDouble {
  mode: ClamdMode = 'scan';
  /** Every stream received in full, in order. */
  readonly received: Buffer[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor() {
    this.server = createServer((socket) => this.serve(socket));
  }

  static async start(): Promise<ClamdDouble> {
    const double = new ClamdDouble();
    double.server.listen(0, '127.0.0.1');
    await once(double.server, 'listening');
    return double;
  }

  get url(): string {
    const address = this.server.address() as { port: number };
    return `tcp://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.mode === 'reset') {
      socket.destroy();
      return;
    }
    let pending = Buffer.alloc(0);
    let commandRead = false;
    const chunks: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      if (!commandRead) {
        const end = pending.indexOf(0);
        if (end < 0) return;
        if (pending.subarray(0, end).toString() !== 'zINSTREAM') return void socket.end('UNKNOWN COMMAND\0');
        commandRead = true;
        pending = pending.subarray(end + 1);
      }
      while (pending.length >= 4) {
        const length = pending.readUInt32BE(0);
        if (pending.length < 4 + length) return;
        if (length === 0) return this.answer(socket, Buffer.concat(chunks));
        chunks.push(pending.subarray(4, 4 + length));
        pending = pending.subarray(4 + length);
      }
    });
  }

  private answer(socket: Socket, content: Buffer): void {
    this.received.push(content);
    if (this.mode === 'silent') return;
    if (this.mode === 'garbage') return void socket.end('INSTREAM size limit exceeded. ERROR\0');
    socket.end(content.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
  }
}
