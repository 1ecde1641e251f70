import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAssessments1795463635229 implements MigrationInterface {
  name = 'AddAssessments1795463635229';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "framework_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(60) NOT NULL, "version" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "effective_fiscal_year" integer NOT NULL, "status" character varying(20) NOT NULL, "definition" jsonb NOT NULL, "checksum" character varying(64) NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_FRAMEWORK_VERSION_KIND" CHECK ("kind" IN ('CAPACITY', 'SUPPLEMENTAL')), CONSTRAINT "CHK_FRAMEWORK_VERSION_STATUS" CHECK ("status" IN ('DRAFT', 'PUBLISHED', 'RETIRED')), CONSTRAINT "PK_FRAMEWORK_VERSION" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_FRAMEWORK_VERSION_CODE_VERSION" ON "framework_version"  ("code", "version") `);
    await queryRunner.query(
      `CREATE TABLE "assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cycle_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "framework_version_id" uuid NOT NULL, "supplemental_framework_version_ids" jsonb NOT NULL, "status" character varying(20) NOT NULL, "carried_forward_from_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ASSESSMENT_STATUS" CHECK ("status" IN ('NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'ACCEPTED')), CONSTRAINT "PK_ASSESSMENT" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ASSESSMENT_ORGANIZATION_ID" ON "assessment"  ("organization_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_ASSESSMENT_CYCLE_ORGANIZATION" ON "assessment"  ("cycle_id", "organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "criterion_response" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "framework_version_id" uuid NOT NULL, "criterion_code" character varying(60) NOT NULL, "level" integer, "not_applicable" boolean NOT NULL DEFAULT false, "rationale" text, "marked_for_review" boolean NOT NULL DEFAULT false, "carried_forward" boolean NOT NULL DEFAULT false, "assignee_user_id" uuid, "due_on" date, "version" integer NOT NULL DEFAULT '1', "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_CRITERION_RESPONSE" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_CRITERION_RESPONSE_ASSIGNEE" ON "criterion_response"  ("assignee_user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_CRITERION_RESPONSE_ASSESSMENT_FRAMEWORK_CRITERION" ON "criterion_response"  ("assessment_id", "framework_version_id", "criterion_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "domain_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "framework_version_id" uuid NOT NULL, "domain_code" character varying(60) NOT NULL, "target_level" integer, "narrative" text, "assignee_user_id" uuid, "version" integer NOT NULL DEFAULT '1', "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_DOMAIN_TARGET" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_DOMAIN_TARGET_ASSESSMENT_FRAMEWORK_DOMAIN" ON "domain_target"  ("assessment_id", "framework_version_id", "domain_code") `,
    );
    await queryRunner.query(`ALTER TABLE "cycle" ADD "framework_version_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "cycle" ADD CONSTRAINT "FK_CYCLE_FRAMEWORK_VERSION" FOREIGN KEY ("framework_version_id") REFERENCES "framework_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_ASSESSMENT_CYCLE" FOREIGN KEY ("cycle_id") REFERENCES "cycle"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_ASSESSMENT_ORGANIZATION" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_ASSESSMENT_FRAMEWORK_VERSION" FOREIGN KEY ("framework_version_id") REFERENCES "framework_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "criterion_response" ADD CONSTRAINT "FK_CRITERION_RESPONSE_ASSESSMENT" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "criterion_response" ADD CONSTRAINT "FK_CRITERION_RESPONSE_FRAMEWORK_VERSION" FOREIGN KEY ("framework_version_id") REFERENCES "framework_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "criterion_response" ADD CONSTRAINT "FK_CRITERION_RESPONSE_ASSIGNEE" FOREIGN KEY ("assignee_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "domain_target" ADD CONSTRAINT "FK_DOMAIN_TARGET_ASSESSMENT" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "domain_target" ADD CONSTRAINT "FK_DOMAIN_TARGET_FRAMEWORK_VERSION" FOREIGN KEY ("framework_version_id") REFERENCES "framework_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "domain_target" ADD CONSTRAINT "FK_DOMAIN_TARGET_ASSIGNEE" FOREIGN KEY ("assignee_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "domain_target" DROP CONSTRAINT "FK_DOMAIN_TARGET_ASSIGNEE"`);
    await queryRunner.query(`ALTER TABLE "domain_target" DROP CONSTRAINT "FK_DOMAIN_TARGET_FRAMEWORK_VERSION"`);
    await queryRunner.query(`ALTER TABLE "domain_target" DROP CONSTRAINT "FK_DOMAIN_TARGET_ASSESSMENT"`);
    await queryRunner.query(`ALTER TABLE "criterion_response" DROP CONSTRAINT "FK_CRITERION_RESPONSE_ASSIGNEE"`);
    await queryRunner.query(`ALTER TABLE "criterion_response" DROP CONSTRAINT "FK_CRITERION_RESPONSE_FRAMEWORK_VERSION"`);
    await queryRunner.query(`ALTER TABLE "criterion_response" DROP CONSTRAINT "FK_CRITERION_RESPONSE_ASSESSMENT"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_ASSESSMENT_FRAMEWORK_VERSION"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_ASSESSMENT_ORGANIZATION"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "FK_ASSESSMENT_CYCLE"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP CONSTRAINT "FK_CYCLE_FRAMEWORK_VERSION"`);
    await queryRunner.query(`ALTER TABLE "cycle" DROP COLUMN "framework_version_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_DOMAIN_TARGET_ASSESSMENT_FRAMEWORK_DOMAIN"`);
    await queryRunner.query(`DROP TABLE "domain_target"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_CRITERION_RESPONSE_ASSESSMENT_FRAMEWORK_CRITERION"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_CRITERION_RESPONSE_ASSIGNEE"`);
    await queryRunner.query(`DROP TABLE "criterion_response"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_ASSESSMENT_CYCLE_ORGANIZATION"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ASSESSMENT_ORGANIZATION_ID"`);
    await queryRunner.query(`DROP TABLE "assessment"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_FRAMEWORK_VERSION_CODE_VERSION"`);
    await queryRunner.query(`DROP TABLE "framework_version"`);
  }
}
