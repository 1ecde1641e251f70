import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cx/api-shared-config';
import type { Actor, ActorRole, RequestMeta } from '@cx/api-shared-graphql';
import type { Role } from '@cx/shared-domain';
import { DataSource, type EntityManager } from 'typeorm';

import { SessionEntity } from './entities/session.entity';
import { prepared, queryRows } from '@cx/api-shared-database';

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

interface SessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  user_id: string;
  display_name: string;
  email: string;
  roles: Array<{ role: Role; organization_id: string; abbreviation: string; covered: string[] }> | null;
}

// Refresh the idle deadline at most this often, so reads do not all turn into writes.
const TOUCH_AFTER_MS = 30_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The live session for a token hash, with its user and roles (prepared: it runs on every request). */
const RESOLVE_SQL = prepared(
  `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at,
              u.id AS user_id, u.display_name, u.email,
              (SELECT json_agg(json_build_object(
                        'role', ra.role, 'organization_id', ra.organization_id, 'abbreviation', o.abbreviation,
                        'covered', (SELECT json_agg(c.id) FROM organization c WHERE c.id = o.id OR c.parent_id = o.id))
                      ORDER BY ra.role, o.abbreviation)
                 FROM role_assignment ra JOIN organization o ON o.id = ra.organization_id
                WHERE ra.user_id = u.id) AS roles
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND u.is_active
          AND s.idle_expires_at > now() AND s.absolute_expires_at > now()`,
);

@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session; returns the raw token for the cookie (only its hash is stored). */
  async create(
    manager: EntityManager,
    userId: string,
    method: 'demo' | 'oidc',
    meta: RequestMeta,
  ): Promise<{ token: string; session: SessionEntity }> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const session = manager.create(SessionEntity, {
      tokenHash: hashToken(token),
      userId,
      method,
      csrfToken: randomBytes(24).toString('base64url'),
      lastSeenAt: new Date(now),
      idleExpiresAt: new Date(now + this.config.sessionIdleTimeoutSeconds * 1000),
      absoluteExpiresAt: new Date(now + this.config.sessionAbsoluteTimeoutSeconds * 1000),
      revokedAt: null,
      clientIp: meta.clientIp,
      userAgent: meta.userAgent,
    });
    await manager.insert(SessionEntity, session);
    return { token, session };
  }

  /**
   * The live session for a cookie token with its user, roles and the organizations
   * each role covers: one SQL statement per request.
   */
  async resolve(token: string, options: { touch: boolean } = { touch: true }): Promise<ResolvedSession | null> {
    const rows: SessionRow[] = await this.dataSource.query(RESOLVE_SQL, [hashToken(token)]);
    const row = rows[0];
    if (!row) return null;
    const roles: ActorRole[] = (row.roles ?? []).map((r) => ({
      role: r.role,
      organizationId: r.organization_id,
      organizationAbbreviation: r.abbreviation,
      coveredOrganizationIds: r.covered,
    }));
    let idleExpiresAt = new Date(row.idle_expires_at);
    if (options.touch && Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
      idleExpiresAt = await this.touch(row.session_id);
    }
    return {
      actor: { userId: row.user_id, sessionId: row.session_id, displayName: row.display_name, email: row.email, roles },
      csrfToken: row.csrf_token,
      idleExpiresAt,
      absoluteExpiresAt: new Date(row.absolute_expires_at),
    };
  }

  /** Pushes the idle deadline out (never past the absolute one). */
  async touch(sessionId: string): Promise<Date> {
    const rows = await queryRows<{ idle_expires_at: Date }>(
      this.dataSource,
      `UPDATE user_session SET last_seen_at = now(),
              idle_expires_at = LEAST(now() + make_interval(secs => $2), absolute_expires_at)
        WHERE id = $1 RETURNING idle_expires_at`,
      [sessionId, this.config.sessionIdleTimeoutSeconds],
    );
    return new Date(rows[0]?.idle_expires_at ?? Date.now());
  }

  async revoke(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.update(SessionEntity, { id: sessionId }, { revokedAt: new Date() });
  }
}
