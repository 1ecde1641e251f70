import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEAL_TABLES = ['audit_seal', 'audit_event_seal'];

/** The append-only trigger function of CreateFoundation, with `message` (an SQL text expression) as its error. */
const APPEND_ONLY_FUNCTION = (message: string): string =>
  `CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '%', ${message} USING ERRCODE = 'insufficient_privilege'; END $$`;

export class AddAuditSeals1795504078966 implements MigrationInterface {
  name = 'AddAuditSeals1795504078966';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_seal" ("id" BIGSERIAL NOT NULL, "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "event_count" integer NOT NULL, "last_occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "previous_hash" character(64), "hash" character(64) NOT NULL, CONSTRAINT "PK_AUDIT_SEAL" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_AUDIT_SEAL_PREVIOUS_HASH" ON "audit_seal"  ("previous_hash") `);
    await queryRunner.query(
      `CREATE TABLE "audit_event_seal" ("event_id" uuid NOT NULL, "seal_id" bigint NOT NULL, CONSTRAINT "PK_AUDIT_EVENT_SEAL" PRIMARY KEY ("event_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_AUDIT_EVENT_SEAL_SEAL" ON "audit_event_seal"  ("seal_id") `);
    await queryRunner.query(
      `ALTER TABLE "audit_event_seal" ADD CONSTRAINT "FK_AUDIT_EVENT_SEAL_EVENT" FOREIGN KEY ("event_id") REFERENCES "audit_event"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_event_seal" ADD CONSTRAINT "FK_AUDIT_EVENT_SEAL_SEAL" FOREIGN KEY ("seal_id") REFERENCES "audit_seal"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // Seals are append-only like the events they seal (NIST AU-9), refused by the same trigger function, which now
    // names the table it guards.
    await queryRunner.query(APPEND_ONLY_FUNCTION("TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' is not allowed'"));
    for (const table of SEAL_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_${table.toUpperCase()}_APPEND_ONLY" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "TRG_${table.toUpperCase()}_NO_TRUNCATE" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of SEAL_TABLES) {
      await queryRunner.query(`DROP TRIGGER "TRG_${table.toUpperCase()}_NO_TRUNCATE" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "TRG_${table.toUpperCase()}_APPEND_ONLY" ON "${table}"`);
    }
    await queryRunner.query(APPEND_ONLY_FUNCTION("'audit_event is append-only: ' || TG_OP || ' is not allowed'"));
    await queryRunner.query(`ALTER TABLE "audit_event_seal" DROP CONSTRAINT "FK_AUDIT_EVENT_SEAL_SEAL"`);
    await queryRunner.query(`ALTER TABLE "audit_event_seal" DROP CONSTRAINT "FK_AUDIT_EVENT_SEAL_EVENT"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_AUDIT_EVENT_SEAL_SEAL"`);
    await queryRunner.query(`DROP TABLE "audit_event_seal"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_AUDIT_SEAL_PREVIOUS_HASH"`);
    await queryRunner.query(`DROP TABLE "audit_seal"`);
  }
}
