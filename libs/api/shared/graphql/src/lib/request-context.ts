import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Actor } from './actor';

/** Facts about the HTTP request that every audit event records. */
export interface RequestMeta {
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
}

export interface RequestWithActor extends FastifyRequest {
  actor?: Actor;
  /** Raw session token from the cookie, when one was presented. */
  sessionToken?: string;
}

export interface GraphQLContext {
  req: RequestWithActor;
  res: FastifyReply;
}

/** The GraphQL context of each operation: Apollo's Fastify integration hands over the request and the reply. */
export function graphQLContext(req: FastifyRequest, res: FastifyReply): GraphQLContext {
  return { req, res };
}

export function requestMeta(req: RequestWithActor): RequestMeta {
  return {
    requestId: req.id,
    clientIp: req.ip ?? null,
    userAgent: (req.headers['user-agent'] ?? '').slice(0, 500) || null,
  };
}
