import { checkEvidenceFile, MAX_EVIDENCE_BYTES, safeFileName } from './evidence-file-policy';

const pdf = Buffer.from('%PDF-1.7\n...');

describe(checkEvidenceFile.name, () => {
  it('should accept a PDF whose bytes are a PDF', () => {
    expect(checkEvidenceFile('survey.pdf', pdf.length, pdf)).toEqual({ ok: true, contentType: 'application/pdf', fileName: 'survey.pdf' });
  });

  it('should refuse a file too large', () => {
    expect(checkEvidenceFile('big.pdf', MAX_EVIDENCE_BYTES + 1, pdf)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/larger than 10 MB/),
    });
  });

  it('should refuse a forbidden type such as HTML or an executable', () => {
    expect(checkEvidenceFile('page.html', 10, Buffer.from('<html></html>'))).toMatchObject({ ok: false });
    expect(checkEvidenceFile('tool.exe', 10, Buffer.from('MZ....'))).toMatchObject({ ok: false });
  });

  it('should refuse a file whose contents do not match its extension', () => {
    expect(checkEvidenceFile('fake.pdf', 10, Buffer.from('<script>x</script>'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a PDF/),
    });
    expect(checkEvidenceFile('notes.txt', 20, Buffer.from('<!DOCTYPE html><p>x'))).toMatchObject({ ok: false });
  });

  it('should strip paths and control characters from names', () => {
    expect(safeFileName('../../etc/pass\u0000wd.txt')).toBe('pass_wd.txt');
    expect(safeFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
  });
});
