import { IsInt, IsString, Max, MaxLength } from 'class-validator';

import { BadUserInputError } from './domain-error';
import { createValidationPipe } from './validation';

class ProfileInput {
  @IsString()
  @MaxLength(5, { message: 'Keep the name to 5 characters or fewer.' })
  name!: string;
}

class PageArgs {
  @IsInt()
  @Max(200, { message: 'Ask for 200 or fewer.' })
  first!: number;
}

async function pathsOf(run: Promise<unknown>): Promise<string[]> {
  try {
    await run;
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(BadUserInputError);
    return (err as BadUserInputError).fieldErrors.map((e) => e.path);
  }
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('should report a problem in a named argument under that argument’s name', async () => {
    const paths = await pathsOf(pipe.transform({ name: 'far too long' }, { type: 'body', metatype: ProfileInput, data: 'input' }));
    expect(paths).toEqual(['input.name']);
  });

  it('should report a problem in an @ArgsType field by the field’s own name', async () => {
    const paths = await pathsOf(pipe.transform({ first: 500 }, { type: 'body', metatype: PageArgs, data: undefined }));
    expect(paths).toEqual(['first']);
  });

  it('should refuse fields the argument does not declare', async () => {
    const paths = await pathsOf(pipe.transform({ name: 'ok', extra: 1 }, { type: 'body', metatype: ProfileInput, data: 'input' }));
    expect(paths).toEqual(['input.extra']);
  });

  it('should pass valid input through as an instance of its class', async () => {
    await expect(pipe.transform({ name: 'ok' }, { type: 'body', metatype: ProfileInput, data: 'input' })).resolves.toBeInstanceOf(
      ProfileInput,
    );
  });
});
