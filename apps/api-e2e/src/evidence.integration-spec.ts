import { createHash } from 'node:crypto';

import { ClamdDouble, EICAR } from './support/clamd-double';
import { codes, GraphQLSession, USERS } from './support/graphql-session';
import { assessmentIdOf, ENGINES, startTestApp, type TestApp } from './support/test-app';

const EVIDENCE = `query($id: ID!) { assessment(id: $id) { framework { domains { criteria { code } } } evidence { id criterionCode kind title url fileName sha256 sizeBytes downloadPath } } }`;
type Ev = {
  id: string;
  criterionCode: string;
  kind: string;
  title: string;
  url: string | null;
  fileName: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  downloadPath: string | null;
};

describe.each(ENGINES)('evidence on %s', (engine) => {
  let t: TestApp;
  let lead: GraphQLSession;
  let assessmentId: string;
  let criterion: string;
  // Every upload here goes through the virus scanner, as in production.
  let clamd: ClamdDouble;

  const upload = (session: GraphQLSession, name: string, bytes: Buffer, headers: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('title', `Upload ${name}`);
    form.set('file', new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${t.baseUrl}/api/assessments/${assessmentId}/criteria/${criterion}/evidence`, {
      method: 'POST',
      headers: { cookie: session.cookie ?? '', 'x-csrf-token': session.csrfToken ?? '', ...headers },
      body: form,
    });
  };
  /** Checks that the upload was refused as bad input on the file field; returns the message. */
  const refusedOnFile = async (what: string, res: Response): Promise<string> => {
    const body = (await res.json()) as { error: { code: string; message: string; fieldErrors: Array<{ path: string }> } };
    expect({ what, status: res.status, code: body.error.code, path: body.error.fieldErrors?.[0]?.path }).toEqual({
      what,
      status: 400,
      code: 'BAD_USER_INPUT',
      path: 'file',
    });
    return body.error.message;
  };
  const list = async (session: GraphQLSession): Promise<Ev[]> =>
    (await session.request<{ assessment: { evidence: Ev[] } }>(EVIDENCE, { id: assessmentId })).data?.assessment.evidence ?? [];

  beforeAll(async () => {
    clamd = await ClamdDouble.start();
    t = await startTestApp(engine, { EVIDENCE_SCAN_URL: clamd.url, EVIDENCE_SCAN_TIMEOUT_SECONDS: '1' });
    lead = new GraphQLSession(t.baseUrl);
    await lead.signInAs(USERS.vhaLead);
    assessmentId = await assessmentIdOf(t.dataSource, 'VHA');
    const a = await lead.request<{ assessment: { framework: { domains: Array<{ criteria: Array<{ code: string }> }> } } }>(EVIDENCE, {
      id: assessmentId,
    });
    criterion = a.data!.assessment.framework.domains[0]!.criteria[0]!.code;
  });
  afterAll(async () => {
    await t.close();
    await clamd.stop();
  });

  it('should add a link and refuse a link that is not a web address', async () => {
    const add = `mutation($input: AddEvidenceLinkInput!) { addEvidenceLink(input: $input) { id } }`;
    const ok = await lead.request(add, {
      input: { assessmentId, criterionCode: criterion, title: 'Survey dashboard', url: 'https://www.va.gov/cx' },
    });
    expect(ok.errors).toBeUndefined();
    const bad = await lead.request(add, { input: { assessmentId, criterionCode: criterion, title: 'x', url: 'javascript:alert(1)' } });
    expect(bad.errors?.[0]?.extensions?.fieldErrors?.[0]?.path).toBe('input.url');
    expect((await list(lead)).filter((e) => e.kind === 'LINK')).toHaveLength(1);
  });

  it('should store a PDF with its checksum and serve it back only as a download', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% CX evidence\n');
    const res = await upload(lead, 'survey results.pdf', pdf);
    expect(res.status).toBe(201);
    const file = (await list(lead)).find((e) => e.kind === 'FILE');
    expect(file).toMatchObject({
      fileName: 'survey results.pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const dl = await fetch(`${t.baseUrl}${file!.downloadPath}`, { headers: { cookie: lead.cookie ?? '' } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''survey%20results\.pdf$/);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await dl.arrayBuffer()).equals(pdf)).toBe(true);
    expect(clamd.received.at(-1)?.equals(pdf)).toBe(true);
  });

  it('should send a large file to the scanner whole, in chunks, and store it once it is clean', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300 * 1024, 'a')]);
    const res = await upload(lead, 'large.pdf', big);
    expect(res.status).toBe(201);
    expect(clamd.received.at(-1)?.equals(big)).toBe(true);
    expect((await list(lead)).some((e) => e.fileName === 'large.pdf' && e.sizeBytes === big.length)).toBe(true);
  });

  it('should refuse a file the virus scan flags, store nothing and audit the attempt', async () => {
    const before = (await list(lead)).length;
    const res = await upload(lead, 'notes.txt', Buffer.from(`Meeting notes\n${EICAR}\n`));
    const body = (await res.json()) as { error: { code: string; fieldErrors: Array<{ path: string; message: string }> } };
    expect(res.status).toBe(400);
    expect(body.error.fieldErrors).toEqual([{ path: 'file', message: expect.stringMatching(/did not pass the virus scan/) }]);
    expect((await list(lead)).length).toBe(before);
    const [event]: Array<{ outcome: string; message: string }> = await t.dataSource.query(
      `SELECT outcome, message FROM audit_event WHERE action = 'assessment.add_evidence' AND subject_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [assessmentId],
    );
    expect(event).toEqual({
      outcome: 'DENIED',
      message: expect.stringMatching(/^Virus scan found Eicar-Test-Signature in notes\.txt \(sha256 [0-9a-f]{64}\)$/),
    });
  });

  it.each(['garbage', 'silent', 'reset'] as const)(
    'should refuse to store a file unscanned when the scanner answers %s, and say to try again',
    async (mode) => {
      const before = (await list(lead)).length;
      clamd.mode = mode;
      try {
        const res = await upload(lead, 'report.pdf', Buffer.from('%PDF-1.7\n% unscanned\n'));
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect({ status: res.status, code: body.error.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
        expect(body.error.message).toMatch(/could not check this file for viruses .* Try again/);
      } finally {
        clamd.mode = 'scan';
      }
      expect((await list(lead)).length).toBe(before);
    },
  );

  it('should refuse forbidden types, disguised files and files over 10 MB with a plain message, storing nothing', async () => {
    const before = (await list(lead)).length;
    for (const [name, bytes] of [
      ['page.html', Buffer.from('<html><script>alert(1)</script></html>')],
      ['fake.pdf', Buffer.from('<script>alert(1)</script>')],
      ['big.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024 - 4)])],
    ] as const) {
      await refusedOnFile(name, await upload(lead, name, bytes));
    }
    expect((await list(lead)).length).toBe(before);
  });

  it('should refuse a much larger file, a request that is not a form and a form with two files, on the file field', async () => {
    const before = (await list(lead)).length;
    const url = `${t.baseUrl}/api/assessments/${assessmentId}/criteria/${criterion}/evidence`;
    const headers = { cookie: lead.cookie ?? '', 'x-csrf-token': lead.csrfToken ?? '' };
    const two = new FormData();
    two.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.7'))]), 'a.pdf');
    two.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.7'))]), 'b.pdf');
    const cases: Array<[string, () => Promise<Response>, RegExp]> = [
      ['12 MB', () => upload(lead, 'huge.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(12 * 1024 * 1024)])), /larger than 10 MB/],
      [
        'JSON',
        () => fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"title":"x"}' }),
        /Choose a file/,
      ],
      ['two files', () => fetch(url, { method: 'POST', headers, body: two }), /Attach one file/],
    ];
    for (const [what, send, message] of cases) {
      expect(await refusedOnFile(what, await send())).toMatch(message);
    }
    expect((await list(lead)).length).toBe(before);
  });

  it('should refuse an upload without the CSRF token', async () => {
    const res = await upload(lead, 'x.pdf', Buffer.from('%PDF-1.7'), { 'x-csrf-token': 'wrong' });
    expect(res.status).toBe(403);
  });

  it('should keep other agencies and OMB (on a draft) away from the file', async () => {
    const file = (await list(lead)).find((e) => e.kind === 'FILE')!;
    for (const who of [USERS.femaLead, USERS.ombReviewer]) {
      const s = new GraphQLSession(t.baseUrl);
      await s.signInAs(who);
      const dl = await fetch(`${t.baseUrl}${file.downloadPath}`, { headers: { cookie: s.cookie ?? '' } });
      expect({ who, status: dl.status }).toEqual({ who, status: 403 });
    }
  });

  it('should let the lead remove evidence, and audit it', async () => {
    const link = (await list(lead)).find((e) => e.kind === 'LINK')!;
    const res = await lead.request(`mutation($id: ID!) { removeEvidence(id: $id) { id } }`, { id: link.id });
    expect(codes(res)).toEqual([]);
    const rows: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM audit_event WHERE action = 'assessment.remove_evidence' AND subject_id = $1`,
      [link.id],
    );
    expect(rows).toHaveLength(1);
  });
});
