/**
 * What files may be attached as evidence. The type is decided from the file's first bytes, not
 * from the name or the browser's claim, and only these types are kept; everything is served back
 * as a download with the type recorded here (never as HTML).
 */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

interface FileType {
  contentType: string;
  extensions: readonly string[];
  matches(head: Buffer): boolean;
}

const startsWith = (head: Buffer, bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function isPlainText(head: Buffer): boolean {
  // Text files: no NUL bytes, and not something a browser would treat as markup.
  if (head.includes(0)) return false;
  const start = head.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  return !/^<(!doctype|html|svg|script|\?xml)/.test(start);
}

const TYPES: readonly FileType[] = [
  { contentType: 'application/pdf', extensions: ['pdf'], matches: (h) => startsWith(h, [0x25, 0x50, 0x44, 0x46]) },
  { contentType: 'image/png', extensions: ['png'], matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47]) },
  { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    matches: (h) => startsWith(h, ZIP),
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    matches: (h) => startsWith(h, ZIP),
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    matches: (h) => startsWith(h, ZIP),
  },
  { contentType: 'text/csv', extensions: ['csv'], matches: isPlainText },
  { contentType: 'text/plain', extensions: ['txt'], matches: isPlainText },
];

export const ALLOWED_EVIDENCE_EXTENSIONS = TYPES.flatMap((t) => t.extensions);

export type EvidenceFileCheck = { ok: true; contentType: string; fileName: string } | { ok: false; message: string };

/** A safe file name: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // Control characters (below space, and DEL) and characters Windows forbids become "_".
  const cleaned = [...base]
    .map((ch) => (ch < ' ' || ch === '\u007f' || '"<>|:*?'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  return (cleaned || 'file').slice(-200);
}

export function checkEvidenceFile(name: string, size: number, content: Buffer): EvidenceFileCheck {
  if (size === 0) return { ok: false, message: 'This file is empty.' };
  if (size > MAX_EVIDENCE_BYTES)
    return { ok: false, message: `This file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB. Attach a smaller file or a link.` };
  const fileName = safeFileName(name);
  const ext = fileName.includes('.') ? (fileName.split('.').pop() ?? '').toLowerCase() : '';
  const type = TYPES.find((t) => t.extensions.includes(ext));
  if (!type)
    return {
      ok: false,
      message: `Attach a ${ALLOWED_EVIDENCE_EXTENSIONS.map((e) => e.toUpperCase()).join(', ')} file, or add a link instead.`,
    };
  if (!type.matches(content.subarray(0, 1024))) return { ok: false, message: `This file's contents are not a ${ext.toUpperCase()} file.` };
  return { ok: true, contentType: type.contentType, fileName };
}
