import { createHash } from 'node:crypto';

import { BadUserInputError, ConflictError } from '@cx/api-shared-graphql';
import { type FrameworkFile, validateFrameworkFile } from '@cx/shared-assessment-model';
import type { EntityManager } from 'typeorm';

import { FrameworkVersionEntity } from './entities/framework-version.entity';

export interface ImportOutcome {
  framework: FrameworkVersionEntity;
  /** False when the same file was imported before (nothing changed). */
  created: boolean;
}

/** Parses JSON text, reporting a syntax error as a field problem rather than a crash. */
export function parseFrameworkText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw BadUserInputError.field('input.fileContent', `This file is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Validates a framework file and stores it as a new version, all or nothing.
 * Every problem is reported by path; a published version never changes (a
 * changed file needs a new version number); re-importing identical content is a no-op.
 */
export async function importFrameworkVersion(
  manager: EntityManager,
  input: unknown,
  options: { publish: boolean; userId: string | null },
): Promise<ImportOutcome> {
  const result = validateFrameworkFile(input);
  if (!result.ok) {
    throw new BadUserInputError(
      result.problems.map((p) => ({ path: p.path, message: p.message })),
      `The framework file has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}. Nothing was imported.`,
    );
  }
  const file: FrameworkFile = result.framework;
  const checksum = createHash('sha256').update(JSON.stringify(file)).digest('hex');
  const repo = manager.getRepository(FrameworkVersionEntity);
  const existing = await repo.findOneBy({ code: file.code, version: file.version });
  if (existing) {
    if (existing.checksum === checksum) {
      if (options.publish && existing.status === 'DRAFT') {
        existing.status = 'PUBLISHED';
        existing.publishedAt = new Date();
        await repo.save(existing);
      }
      return { framework: existing, created: false };
    }
    if (existing.status !== 'DRAFT') {
      throw new ConflictError(
        `Version ${file.version} of ${file.code} is already published and cannot change. Give the file a new version number.`,
        {
          frameworkVersionId: existing.id,
        },
      );
    }
    existing.definition = file as unknown as Record<string, unknown>;
    existing.checksum = checksum;
    existing.name = file.name;
    existing.kind = file.kind;
    existing.effectiveFiscalYear = file.effectiveFiscalYear;
    if (options.publish) {
      existing.status = 'PUBLISHED';
      existing.publishedAt = new Date();
    }
    return { framework: await repo.save(existing), created: false };
  }
  const framework = repo.create({
    code: file.code,
    version: file.version,
    name: file.name,
    kind: file.kind,
    effectiveFiscalYear: file.effectiveFiscalYear,
    status: options.publish ? 'PUBLISHED' : 'DRAFT',
    definition: file as unknown as Record<string, unknown>,
    checksum,
    createdByUserId: options.userId,
    publishedAt: options.publish ? new Date() : null,
  });
  return { framework: await repo.save(framework), created: true };
}
