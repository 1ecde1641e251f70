import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { Public } from '@cx/api-shared-graphql';
import type { Response } from 'express';
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
  async ready(@Res() res: Response): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
        }),
      ]);
      res.status(200).json({ status: 'ok', database: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    } finally {
      clearTimeout(timer);
    }
  }
}
