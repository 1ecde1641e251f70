import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';

import { FrameworkVersionEntity } from './entities/framework-version.entity';
import { toFrameworkModel } from './framework.service';
import type { FrameworkVersionModel } from './models/framework.model';

export interface CachedFramework {
  entity: FrameworkVersionEntity;
  model: FrameworkVersionModel;
}

/**
 * Published (and retired) framework versions never change, so each process keeps them once loaded instead of
 * reading and parsing the whole definition on every assessment load. Drafts are never cached.
 * Safe across replicas for the text, which never changes; not for the status (a version can be retired later),
 * so readers take the status from their own statement (ASSESSMENT_DETAIL_SQL), never from here.
 */
@Injectable()
export class FrameworkCache {
  private readonly published = new Map<string, CachedFramework>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Pass the transaction's `manager` when inside one: on the embedded database a query on another
   * connection would wait for the transaction to end, which waits for this query.
   */
  async getMany(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, CachedFramework>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.published.has(id));
    const found = new Map<string, CachedFramework>();
    if (missing.length > 0) {
      const rows = await manager.getRepository(FrameworkVersionEntity).findBy({ id: In(missing) });
      for (const entity of rows) {
        const entry = { entity, model: toFrameworkModel(entity) };
        found.set(entity.id, entry);
        if (entity.status !== 'DRAFT') this.published.set(entity.id, entry);
      }
    }
    for (const id of wanted) {
      const hit = this.published.get(id);
      if (hit) found.set(id, hit);
    }
    return found;
  }
}
