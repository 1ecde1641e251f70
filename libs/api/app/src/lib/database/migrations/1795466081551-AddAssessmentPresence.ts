import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAssessmentPresence1795466081551 implements MigrationInterface {
  name = 'AddAssessmentPresence1795466081551';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_presence" ("assessment_id" uuid NOT NULL, "user_id" uuid NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ASSESSMENT_PRESENCE" PRIMARY KEY ("assessment_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ASSESSMENT_PRESENCE_LAST_SEEN_AT" ON "assessment_presence"  ("last_seen_at") `);
    await queryRunner.query(
      `ALTER TABLE "assessment_presence" ADD CONSTRAINT "FK_ASSESSMENT_PRESENCE_ASSESSMENT" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment_presence" DROP CONSTRAINT "FK_ASSESSMENT_PRESENCE_ASSESSMENT"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ASSESSMENT_PRESENCE_LAST_SEEN_AT"`);
    await queryRunner.query(`DROP TABLE "assessment_presence"`);
  }
}
