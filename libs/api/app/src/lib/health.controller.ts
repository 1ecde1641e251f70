import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { Public } from '@cx/api-shared-graphql';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

const READY_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** The process is up (for restarts). */
  @Get('live')
  @Public()
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: the database answers within 2 seconds (for load balancers). */
  @Get('ready')
  @Public()
  async ready(@Res() res: FastifyReply): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
        }),
      ]);
      void res.status(200).send({ status: 'ok', database: 'up' });
    } catch {
      void res.status(503).send({ status: 'unavailable', database: 'down' });
    } finally {
      clearTimeout(timer);
    }
  }
}
