import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFoundation1795462209333 implements MigrationInterface {
  name = 'CreateFoundation1795462209333';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "actor_display_name" character varying(200), "actor_roles" jsonb NOT NULL, "organization_id" uuid, "action" character varying(100) NOT NULL, "subject_type" character varying(100), "subject_id" character varying(100), "outcome" character varying(20) NOT NULL, "request_id" character varying(100), "client_ip" character varying(64), "changes" jsonb, "message" text, CONSTRAINT "CHK_AUDIT_EVENT_OUTCOME" CHECK ("outcome" IN ('SUCCESS', 'DENIED', 'FAILURE')), CONSTRAINT "PK_AUDIT_EVENT" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_AUDIT_EVENT_CLIENT_IP_ACTION_OCCURRED_AT" ON "audit_event"  ("client_ip", "action", "occurred_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_AUDIT_EVENT_SUBJECT" ON "audit_event"  ("subject_type", "subject_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_AUDIT_EVENT_ORGANIZATION_OCCURRED_AT" ON "audit_event"  ("organization_id", "occurred_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_AUDIT_EVENT_OCCURRED_AT" ON "audit_event"  ("occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "cycle" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "fiscal_year" integer NOT NULL, "name" character varying(100) NOT NULL, "status" character varying(20) NOT NULL, "assessment_due_on" date, "draft_plan_due_on" date, "final_plan_due_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_CYCLE_STATUS" CHECK ("status" IN ('PLANNED', 'OPEN', 'CLOSED')), CONSTRAINT "PK_CYCLE" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_CYCLE_FISCAL_YEAR" ON "cycle"  ("fiscal_year") `);
    await queryRunner.query(
      `CREATE TABLE "oidc_login_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" character varying(128) NOT NULL, "nonce" character varying(128) NOT NULL, "code_verifier" character varying(128) NOT NULL, "return_to" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_OIDC_LOGIN_ATTEMPT" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_OIDC_LOGIN_ATTEMPT_STATE" ON "oidc_login_attempt"  ("state") `);
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "abbreviation" character varying(40) NOT NULL, "kind" character varying(20) NOT NULL, "parent_id" uuid, "is_hisp" boolean NOT NULL DEFAULT false, "description" text, "website_url" character varying(500), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ORGANIZATION_KIND" CHECK ("kind" IN ('OMB', 'DEPARTMENT', 'BUREAU')), CONSTRAINT "PK_ORGANIZATION" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_ORGANIZATION_ABBREVIATION" ON "organization"  ("abbreviation") `);
    await queryRunner.query(`CREATE INDEX "IDX_ORGANIZATION_PARENT_ID" ON "organization"  ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "oidc_subject" character varying(255), "is_active" boolean NOT NULL DEFAULT true, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_APP_USER" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_APP_USER_OIDC_SUBJECT" ON "app_user"  ("oidc_subject") WHERE "oidc_subject" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_APP_USER_EMAIL" ON "app_user"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "role_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" character varying(40) NOT NULL, "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ROLE_ASSIGNMENT_ROLE" CHECK ("role" IN ('AGENCY_CONTRIBUTOR', 'AGENCY_CX_LEAD', 'AGENCY_EXECUTIVE', 'OMB_REVIEWER', 'OMB_ADMIN', 'OMB_EXECUTIVE')), CONSTRAINT "PK_ROLE_ASSIGNMENT" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ROLE_ASSIGNMENT_ORGANIZATION_ID" ON "role_assignment"  ("organization_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_ROLE_ASSIGNMENT_USER_ROLE_ORG" ON "role_assignment"  ("user_id", "role", "organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "csrf_token" character varying(64) NOT NULL, "method" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "idle_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "absolute_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "client_ip" character varying(64), "user_agent" character varying(500), CONSTRAINT "PK_USER_SESSION" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_USER_SESSION_ABSOLUTE_EXPIRES_AT" ON "user_session"  ("absolute_expires_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_USER_SESSION_USER_ID" ON "user_session"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_USER_SESSION_TOKEN_HASH" ON "user_session"  ("token_hash") `);
    await queryRunner.query(
      `ALTER TABLE "organization" ADD CONSTRAINT "FK_ORGANIZATION_PARENT" FOREIGN KEY ("parent_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignment" ADD CONSTRAINT "FK_ROLE_ASSIGNMENT_USER" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignment" ADD CONSTRAINT "FK_ROLE_ASSIGNMENT_ORGANIZATION" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_session" ADD CONSTRAINT "FK_USER_SESSION_USER" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit trail is append-only: refuse UPDATE, DELETE and TRUNCATE whoever asks (NIST AU-9).
    await queryRunner.query(
      `CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TRG_AUDIT_EVENT_APPEND_ONLY" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TRG_AUDIT_EVENT_NO_TRUNCATE" BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_AUDIT_EVENT_NO_TRUNCATE" ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER "TRG_AUDIT_EVENT_APPEND_ONLY" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION "audit_event_append_only"()`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "FK_USER_SESSION_USER"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_ROLE_ASSIGNMENT_ORGANIZATION"`);
    await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_ROLE_ASSIGNMENT_USER"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "FK_ORGANIZATION_PARENT"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_USER_SESSION_TOKEN_HASH"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_USER_SESSION_USER_ID"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_USER_SESSION_ABSOLUTE_EXPIRES_AT"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_ROLE_ASSIGNMENT_USER_ROLE_ORG"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ROLE_ASSIGNMENT_ORGANIZATION_ID"`);
    await queryRunner.query(`DROP TABLE "role_assignment"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_APP_USER_EMAIL"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_APP_USER_OIDC_SUBJECT"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ORGANIZATION_PARENT_ID"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_ORGANIZATION_ABBREVIATION"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_OIDC_LOGIN_ATTEMPT_STATE"`);
    await queryRunner.query(`DROP TABLE "oidc_login_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_CYCLE_FISCAL_YEAR"`);
    await queryRunner.query(`DROP TABLE "cycle"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_AUDIT_EVENT_OCCURRED_AT"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_AUDIT_EVENT_ORGANIZATION_OCCURRED_AT"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_AUDIT_EVENT_SUBJECT"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_AUDIT_EVENT_CLIENT_IP_ACTION_OCCURRED_AT"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
