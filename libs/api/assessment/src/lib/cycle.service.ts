import { Injectable } from '@nestjs/common';
import { CycleStatus } from '@cx/shared-domain';
import { DataSource } from 'typeorm';

import { CycleEntity } from './entities/cycle.entity';
import type { CycleModel } from './models/cycle.model';

function toModel(c: CycleEntity): CycleModel {
  return {
    id: c.id,
    fiscalYear: c.fiscalYear,
    name: c.name,
    status: c.status,
    assessmentDueOn: c.assessmentDueOn,
    draftPlanDueOn: c.draftPlanDueOn,
    finalPlanDueOn: c.finalPlanDueOn,
  };
}

/** Cycles are program-wide (not agency data), so every signed-in user may read them. */
@Injectable()
export class CycleService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<CycleModel[]> {
    const rows = await this.dataSource.getRepository(CycleEntity).find({ order: { fiscalYear: 'DESC' } });
    return rows.map(toModel);
  }

  /** The newest open cycle, if any. */
  async current(): Promise<CycleModel | null> {
    const row = await this.dataSource
      .getRepository(CycleEntity)
      .findOne({ where: { status: CycleStatus.OPEN }, order: { fiscalYear: 'DESC' } });
    return row ? toModel(row) : null;
  }
}
