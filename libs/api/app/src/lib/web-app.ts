import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

const API_PATHS = /^\/(graphql|health|auth|api)(\/|$)/;
/** A bundle the Angular build names by its content hash (`main-ABCD1234.js`), compressed copies included. */
const HASHED = /-[A-Z0-9]{8}\.(js|css)(\.br|\.gz)?$/;

/** Whether the client takes HTML (a browser navigating rather than a script asking for data); no Accept means anything. */
export function acceptsHtml(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return (type === 'text/html' || type === 'text/*' || type === '*/*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** Serves the built Angular app (if present) with a fallback to index.html for client-side routes. */
export async function serveWebApp(app: NestFastifyApplication, webDistDir: string, logger: Logger): Promise<void> {
  const dir = resolve(webDistDir);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dir }, 'Web app not built: only the API is served. Run `npm run build` to build it.');
    return;
  }
  // Loaded only when there is a web app to serve (never in the API's Jest suites, whose CommonJS runtime cannot
  // load one of its ES-module-only dependencies; Node can).
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, {
    root: dir,
    index: false,
    // One route per built file, found at start: the client-side routes below get the wildcard.
    wildcard: false,
    // The build writes .br and .gz copies (tools/scripts/precompress.mjs): sent to browsers that take them, never routes.
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    maxAge: '1h',
    // The page itself is always revalidated, so a deploy reaches everyone; the files it names by content hash never
    // change, so browsers keep them; other assets (fonts, icons) for an hour.
    setHeaders: (reply: FastifyReply, path: string) => {
      if (path.endsWith('.html')) void reply.header('Cache-Control', 'no-cache');
      else if (HASHED.test(path)) void reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    handler: (req: FastifyRequest, reply: FastifyReply) => {
      if (API_PATHS.test(req.url) || !acceptsHtml(req.headers.accept)) {
        return reply.status(404).send({ statusCode: 404, message: 'Not found' });
      }
      return reply.sendFile('index.html');
    },
  });
}
