import { acceptsHtml } from './web-app';

// Serving the built files and the fallback is tested against the real server: apps/web-e2e/src/serving.spec.ts.

describe('acceptsHtml', () => {
  it.each([
    [undefined, true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['*/*', true],
    ['text/*', true],
    ['application/json', false],
    ['application/json, text/html;q=0', false],
    ['text/html;q=0.1', true],
  ])('%s → %s', (accept, expected) => {
    expect(acceptsHtml(accept)).toBe(expected);
  });
});
