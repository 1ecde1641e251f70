import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddResponseLastSaveId1795537204867 implements MigrationInterface {
  name = 'AddResponseLastSaveId1795537204867';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "criterion_response" ADD "last_save_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "criterion_response" DROP COLUMN "last_save_id"`);
  }
}
