import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEvidence1795465685918 implements MigrationInterface {
  name = 'AddEvidence1795465685918';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "criterion_code" character varying(60) NOT NULL, "kind" character varying(10) NOT NULL, "title" character varying(200) NOT NULL, "url" character varying(2000), "file_name" character varying(255), "content_type" character varying(100), "size_bytes" integer, "sha256" character varying(64), "content" bytea, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_EVIDENCE_KIND" CHECK ("kind" IN ('LINK', 'FILE')), CONSTRAINT "PK_EVIDENCE" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_EVIDENCE_ASSESSMENT_CRITERION" ON "evidence"  ("assessment_id", "criterion_code") `);
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_EVIDENCE_ASSESSMENT" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_EVIDENCE_ASSESSMENT"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_EVIDENCE_ASSESSMENT_CRITERION"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
  }
}
