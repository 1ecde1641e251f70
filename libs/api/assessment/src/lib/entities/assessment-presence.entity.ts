import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { AssessmentEntity } from './assessment.entity';

/** Who has an assessment open right now (a heartbeat every 30 seconds from the web app). */
@Entity({ name: 'assessment_presence' })
@Index('IDX_ASSESSMENT_PRESENCE_LAST_SEEN_AT', ['lastSeenAt'])
export class AssessmentPresenceEntity {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid', primaryKeyConstraintName: 'PK_ASSESSMENT_PRESENCE' })
  assessmentId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_ASSESSMENT_PRESENCE' })
  userId!: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'FK_ASSESSMENT_PRESENCE_ASSESSMENT' })
  assessment?: AssessmentEntity;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;
}
