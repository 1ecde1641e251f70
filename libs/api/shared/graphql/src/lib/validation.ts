import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@cx/shared-domain';

import { BadUserInputError } from './domain-error';

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * Validates every @Args input: unknown fields are refused, and each problem is
 * reported against its field path (e.g. `input.websiteUrl`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadUserInputError(flatten(errors, 'input')),
  });
}
