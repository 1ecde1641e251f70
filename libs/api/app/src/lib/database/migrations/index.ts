import { CreateFoundation1795462209333 } from './1795462209333-CreateFoundation';
import { AddAssessments1795463635229 } from './1795463635229-AddAssessments';
import { AddEvidence1795465685918 } from './1795465685918-AddEvidence';
import { AddAssessmentPresence1795466081551 } from './1795466081551-AddAssessmentPresence';
import { AddAuditSeals1795504078966 } from './1795504078966-AddAuditSeals';
import { AddResponseLastSaveId1795537204867 } from './1795537204867-AddResponseLastSaveId';

/** Every migration, in order. Committed migrations are never edited: add a new one. */
export const MIGRATIONS = [
  CreateFoundation1795462209333,
  AddAssessments1795463635229,
  AddEvidence1795465685918,
  AddAssessmentPresence1795466081551,
  AddAuditSeals1795504078966,
  AddResponseLastSaveId1795537204867,
];
