import { AuditEventEntity } from '@cx/api-audit';
import { createMissingAssessments, CycleEntity, importFrameworkVersion } from '@cx/api-assessment';
import { OrganizationEntity, RoleAssignmentEntity, UserEntity } from '@cx/api-identity';
import { loadShippedFrameworks } from '@cx/shared-assessment-model';
import { AuditOutcome, CycleStatus, OrganizationKind, Role } from '@cx/shared-domain';
import type { DataSource, EntityManager } from 'typeorm';

interface SeedOrg {
  abbreviation: string;
  name: string;
  kind: OrganizationKind;
  parent?: string;
  isHisp?: boolean;
  websiteUrl?: string;
  description?: string;
}

/** Public names of real HISPs (A-11 §280); descriptions are the project's own plain-language summaries. */
export const SEED_ORGANIZATIONS: readonly SeedOrg[] = [
  {
    abbreviation: 'OMB',
    name: 'Office of Management and Budget',
    kind: OrganizationKind.OMB,
    websiteUrl: 'https://www.whitehouse.gov/omb/',
  },
  { abbreviation: 'VA', name: 'Department of Veterans Affairs', kind: OrganizationKind.DEPARTMENT, websiteUrl: 'https://www.va.gov' },
  { abbreviation: 'DOS', name: 'Department of State', kind: OrganizationKind.DEPARTMENT, websiteUrl: 'https://www.state.gov' },
  { abbreviation: 'DHS', name: 'Department of Homeland Security', kind: OrganizationKind.DEPARTMENT, websiteUrl: 'https://www.dhs.gov' },
  { abbreviation: 'TREAS', name: 'Department of the Treasury', kind: OrganizationKind.DEPARTMENT, websiteUrl: 'https://home.treasury.gov' },
  { abbreviation: 'USDA', name: 'Department of Agriculture', kind: OrganizationKind.DEPARTMENT, websiteUrl: 'https://www.usda.gov' },
  {
    abbreviation: 'SSA',
    name: 'Social Security Administration',
    kind: OrganizationKind.DEPARTMENT,
    isHisp: true,
    websiteUrl: 'https://www.ssa.gov',
    description: 'Retirement, disability and survivor benefits, and Social Security cards.',
  },
  {
    abbreviation: 'VHA',
    name: 'Veterans Health Administration',
    kind: OrganizationKind.BUREAU,
    parent: 'VA',
    isHisp: true,
    websiteUrl: 'https://www.va.gov/health',
    description: 'Health care for enrolled Veterans at medical centers, clinics and through community care.',
  },
  {
    abbreviation: 'VBA',
    name: 'Veterans Benefits Administration',
    kind: OrganizationKind.BUREAU,
    parent: 'VA',
    isHisp: true,
    websiteUrl: 'https://benefits.va.gov',
  },
  {
    abbreviation: 'CA-PPT',
    name: 'Passport Services (Bureau of Consular Affairs)',
    kind: OrganizationKind.BUREAU,
    parent: 'DOS',
    isHisp: true,
    websiteUrl: 'https://travel.state.gov',
  },
  {
    abbreviation: 'TSA',
    name: 'Transportation Security Administration',
    kind: OrganizationKind.BUREAU,
    parent: 'DHS',
    isHisp: true,
    websiteUrl: 'https://www.tsa.gov',
  },
  {
    abbreviation: 'FEMA',
    name: 'Federal Emergency Management Agency',
    kind: OrganizationKind.BUREAU,
    parent: 'DHS',
    isHisp: true,
    websiteUrl: 'https://www.fema.gov',
    description: 'Disaster assistance for people and communities before, during and after disasters.',
  },
  {
    abbreviation: 'USCIS',
    name: 'U.S. Citizenship and Immigration Services',
    kind: OrganizationKind.BUREAU,
    parent: 'DHS',
    isHisp: true,
    websiteUrl: 'https://www.uscis.gov',
  },
  {
    abbreviation: 'IRS',
    name: 'Internal Revenue Service',
    kind: OrganizationKind.BUREAU,
    parent: 'TREAS',
    isHisp: true,
    websiteUrl: 'https://www.irs.gov',
  },
  {
    abbreviation: 'FSA',
    name: 'Farm Service Agency',
    kind: OrganizationKind.BUREAU,
    parent: 'USDA',
    isHisp: true,
    websiteUrl: 'https://www.fsa.usda.gov',
  },
];

interface SeedUser {
  email: string;
  displayName: string;
  roles: Array<[Role, string]>;
}

export const SEED_USERS: readonly SeedUser[] = [
  { email: 'dana.whitfield@omb.example', displayName: 'Dana Whitfield', roles: [[Role.OMB_ADMIN, 'OMB']] },
  { email: 'marcus.lee@omb.example', displayName: 'Marcus Lee', roles: [[Role.OMB_REVIEWER, 'OMB']] },
  { email: 'priya.raman@omb.example', displayName: 'Priya Raman', roles: [[Role.OMB_EXECUTIVE, 'OMB']] },
  { email: 'alicia.gomez@va.example', displayName: 'Alicia Gomez', roles: [[Role.AGENCY_CX_LEAD, 'VHA']] },
  { email: 'ben.carter@va.example', displayName: 'Ben Carter', roles: [[Role.AGENCY_CONTRIBUTOR, 'VHA']] },
  { email: 'carla.nguyen@va.example', displayName: 'Carla Nguyen', roles: [[Role.AGENCY_EXECUTIVE, 'VA']] },
  { email: 'samuel.ortiz@fema.example', displayName: 'Samuel Ortiz', roles: [[Role.AGENCY_CX_LEAD, 'FEMA']] },
  {
    email: 'jordan.patel@treasury.example',
    displayName: 'Jordan Patel',
    roles: [
      [Role.AGENCY_CX_LEAD, 'IRS'],
      [Role.AGENCY_EXECUTIVE, 'TREAS'],
    ],
  },
];

export const SEED_CYCLES: ReadonlyArray<
  Pick<CycleEntity, 'fiscalYear' | 'name' | 'status' | 'assessmentDueOn' | 'draftPlanDueOn' | 'finalPlanDueOn'>
> = [
  {
    fiscalYear: 2026,
    name: 'FY 2026',
    status: CycleStatus.CLOSED,
    assessmentDueOn: '2026-01-30',
    draftPlanDueOn: '2026-04-30',
    finalPlanDueOn: '2026-09-18',
  },
  {
    fiscalYear: 2027,
    name: 'FY 2027',
    status: CycleStatus.OPEN,
    assessmentDueOn: '2027-01-29',
    draftPlanDueOn: '2027-04-30',
    finalPlanDueOn: '2027-09-17',
  },
];

async function seedInto(manager: EntityManager): Promise<void> {
  const orgIds = new Map<string, string>();
  // Parents first: the list is ordered so.
  for (const o of SEED_ORGANIZATIONS) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OrganizationEntity)
      .values({
        abbreviation: o.abbreviation,
        name: o.name,
        kind: o.kind,
        parentId: o.parent ? (orgIds.get(o.parent) ?? null) : null,
        isHisp: o.isHisp ?? false,
        websiteUrl: o.websiteUrl ?? null,
        description: o.description ?? null,
      })
      .orIgnore()
      .execute();
    const row = await manager.findOneByOrFail(OrganizationEntity, { abbreviation: o.abbreviation });
    orgIds.set(o.abbreviation, row.id);
  }
  for (const u of SEED_USERS) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({ email: u.email, displayName: u.displayName, isDemo: true, isActive: true })
      .orIgnore()
      .execute();
    const user = await manager.findOneByOrFail(UserEntity, { email: u.email });
    for (const [role, org] of u.roles) {
      const organizationId = orgIds.get(org);
      if (!organizationId) throw new Error(`Seed user ${u.email} refers to unknown organization ${org}`);
      await manager
        .createQueryBuilder()
        .insert()
        .into(RoleAssignmentEntity)
        .values({ userId: user.id, role, organizationId })
        .orIgnore()
        .execute();
    }
  }
  await manager
    .createQueryBuilder()
    .insert()
    .into(CycleEntity)
    .values([...SEED_CYCLES])
    .orIgnore()
    .execute();
  // The shipped frameworks, published; the open cycle uses the A-11 capacity framework and gets its assessments.
  const frameworks = [];
  for (const file of loadShippedFrameworks())
    frameworks.push((await importFrameworkVersion(manager, file, { publish: true, userId: null })).framework);
  const capacity = frameworks.find((f) => f.kind === 'CAPACITY');
  const open = await manager.findOneByOrFail(CycleEntity, { fiscalYear: 2027 });
  const frameworkVersionId = open.frameworkVersionId ?? capacity?.id;
  if (!frameworkVersionId) throw new Error('The shipped A-11 capacity framework is missing');
  if (!open.frameworkVersionId) await manager.update(CycleEntity, { id: open.id }, { frameworkVersionId });
  await createMissingAssessments(manager, open.id, frameworkVersionId);
  await seedLastYear(manager, frameworkVersionId);
  await manager.insert(AuditEventEntity, {
    action: 'system.seed_demo_data',
    outcome: AuditOutcome.SUCCESS,
    actorRoles: [],
    message: `${SEED_ORGANIZATIONS.length} organizations, ${SEED_USERS.length} users, ${SEED_CYCLES.length} cycles, shipped frameworks, open-cycle assessments (existing rows kept)`,
  });
}

/**
 * Last year's accepted assessments with answers, so the demo shows year-over-year change and
 * "start from last year". Levels are a fixed function of HISP and criterion (deterministic).
 */
async function seedLastYear(manager: EntityManager, frameworkVersionId: string): Promise<void> {
  const last = await manager.findOneByOrFail(CycleEntity, { fiscalYear: 2026 });
  if (last.frameworkVersionId) return;
  await manager.update(CycleEntity, { id: last.id }, { frameworkVersionId });
  await createMissingAssessments(manager, last.id, frameworkVersionId);
  await manager.query(
    `INSERT INTO criterion_response (assessment_id, framework_version_id, criterion_code, level, rationale)
     SELECT a.id, $2, c.code, 1 + (abs(hashtext(o.abbreviation || c.code)) % 4), 'Recorded in the FY 2026 assessment.'
       FROM assessment a JOIN organization o ON o.id = a.organization_id
       CROSS JOIN LATERAL (
         SELECT jsonb_array_elements(d -> 'criteria') ->> 'code' AS code
           FROM framework_version f, jsonb_array_elements(f.definition -> 'domains') d WHERE f.id = $2
       ) c
      WHERE a.cycle_id = $1
     ON CONFLICT DO NOTHING`,
    [last.id, frameworkVersionId],
  );
  await manager.query(`UPDATE assessment SET status = 'ACCEPTED' WHERE cycle_id = $1`, [last.id]);
}

/** Idempotent: running it again adds nothing that already exists and changes nothing a user edited. */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction((manager) => seedInto(manager));
}
