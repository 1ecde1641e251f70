import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@cx/shared-domain';

import { BadUserInputError } from './domain-error';

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** The class-validator errors of one argument, before we know the argument's name. */
class ArgumentValidationErrors extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('Invalid argument');
  }
}

/**
 * Validates every GraphQL argument: unknown fields are refused, and each problem is reported against
 * its path as the client sent it: `input.websiteUrl` for `@Args('input')`, `first` for an `@ArgsType` field.
 */
export class FieldPathValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ArgumentValidationErrors(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (err instanceof ArgumentValidationErrors) throw new BadUserInputError(flatten(err.errors, metadata.data ?? ''));
      throw err;
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new FieldPathValidationPipe();
}
