import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@cx/api-audit';
import { APP_CONFIG, type AppConfig } from '@cx/api-shared-config';
import { type Actor, BadUserInputError, ForbiddenError, type RequestMeta, TooManyRequestsError } from '@cx/api-shared-graphql';
import { AuditOutcome, ROLE_LABELS } from '@cx/shared-domain';
import { DataSource } from 'typeorm';

import { OrganizationEntity } from './entities/organization.entity';
import { RoleAssignmentEntity } from './entities/role-assignment.entity';
import { UserEntity } from './entities/user.entity';
import type { DemoUserModel } from './models/viewer.model';
import { SessionService } from './session.service';

export const SIGN_IN_ACTIONS = ['auth.sign_in'] as const;

export interface StartedSession {
  token: string;
  userId: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sign-in attempts per client address per minute, counted in the audit log so every replica shares the limit. */
  async assertNotRateLimited(meta: RequestMeta, method: string): Promise<void> {
    const recent = await this.audit.countRecentFromIp(SIGN_IN_ACTIONS, meta.clientIp, 60);
    if (recent >= this.config.signInRateLimitPerMinute) {
      await this.audit.recordAlone({
        meta,
        action: 'auth.sign_in_rate_limited',
        outcome: AuditOutcome.DENIED,
        message: `method=${method}`,
      });
      throw new TooManyRequestsError(60);
    }
  }

  async demoUsers(): Promise<DemoUserModel[]> {
    if (!this.config.demoSignIn) return [];
    const users = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.roleAssignments', 'ra')
      .leftJoinAndMapOne('ra.organization', OrganizationEntity, 'o', 'o.id = ra.organization_id')
      .where('u.is_demo AND u.is_active')
      .orderBy('u.display_name', 'ASC')
      .getMany();
    return users.map((u) => {
      const assignments: RoleAssignmentEntity[] = u.roleAssignments ?? [];
      return {
        id: u.id,
        displayName: u.displayName,
        email: u.email,
        roleSummary: assignments.map((a) => `${ROLE_LABELS[a.role]} · ${a.organization?.name ?? ''}`).join('; '),
        organizationName: assignments[0]?.organization?.name ?? '',
      };
    });
  }

  /** Demo sign-in: any seeded demo user, only where DEMO_SIGN_IN allows it. */
  async signInDemo(userId: string, meta: RequestMeta): Promise<StartedSession> {
    if (!this.config.demoSignIn) {
      await this.audit.recordAlone({
        meta,
        action: 'auth.sign_in',
        outcome: AuditOutcome.DENIED,
        actorUserId: null,
        message: 'Demo sign-in is turned off',
      });
      throw new ForbiddenError(
        'auth.sign_in',
        undefined,
        undefined,
        'Demo sign-in is turned off on this server. Use your Login.gov account.',
      );
    }
    await this.assertNotRateLimited(meta, 'demo');
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId, isDemo: true, isActive: true });
    if (!user) {
      await this.audit.recordAlone({
        meta,
        action: 'auth.sign_in',
        outcome: AuditOutcome.FAILURE,
        message: 'Unknown or inactive demo user',
        subjectType: 'User',
        subjectId: userId,
      });
      throw BadUserInputError.field('input.userId', 'That person cannot sign in. Choose someone from the list.');
    }
    return this.startSession(user, 'demo', meta);
  }

  /** Creates the session and its audit event in one transaction. */
  async startSession(user: UserEntity, method: 'demo' | 'oidc', meta: RequestMeta): Promise<StartedSession> {
    return this.dataSource.transaction(async (manager) => {
      const { token, session } = await this.sessions.create(manager, user.id, method, meta);
      await this.audit.record(manager, {
        meta,
        actorUserId: user.id,
        actorDisplayName: user.displayName,
        action: 'auth.sign_in',
        outcome: AuditOutcome.SUCCESS,
        subjectType: 'Session',
        subjectId: session.id,
        message: `method=${method}`,
      });
      return { token, userId: user.id };
    });
  }

  async signOut(actor: Actor, meta: RequestMeta): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revoke(manager, actor.sessionId);
      await this.audit.record(manager, {
        actor,
        meta,
        action: 'auth.sign_out',
        outcome: AuditOutcome.SUCCESS,
        subjectType: 'Session',
        subjectId: actor.sessionId,
      });
    });
  }

  async extendSession(actor: Actor): Promise<void> {
    await this.sessions.touch(actor.sessionId);
  }
}
