import type { Request, Response } from 'express';

import type { Actor } from './actor';

/** Facts about the HTTP request that every audit event records. */
export interface RequestMeta {
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
}

export interface RequestWithActor extends Request {
  actor?: Actor;
  /** Raw session token from the cookie, when one was presented. */
  sessionToken?: string;
}

export interface GraphQLContext {
  req: RequestWithActor;
  res: Response;
}

export function requestMeta(req: RequestWithActor): RequestMeta {
  return {
    requestId: String((req as { id?: unknown }).id ?? ''),
    clientIp: req.ip ?? null,
    userAgent: (req.headers['user-agent'] ?? '').slice(0, 500) || null,
  };
}
