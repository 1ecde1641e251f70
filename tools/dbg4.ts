import { readFileSync } from 'node:fs';
import { A11_280_CAPACITY_FY2027_PATH, computeAssessmentScores, type FrameworkFile } from '@cx/shared-assessment-model';
const fw = JSON.parse(readFileSync(A11_280_CAPACITY_FY2027_PATH, 'utf8')) as FrameworkFile;
const responses = fw.domains.flatMap((d) => d.criteria.map((c, i) => ({ criterionCode: c.code, level: (i % 5) + 1, notApplicable: false })));
const targets = fw.domains.map((d) => ({ domainCode: d.code, targetLevel: 4 }));
for (let k = 0; k < 3; k++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 20000; i++) computeAssessmentScores(fw, responses, targets);
  console.log('µs per call', Number(process.hrtime.bigint() - t0) / 20000 / 1000);
}
