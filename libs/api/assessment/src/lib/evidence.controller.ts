import type {} from '@fastify/multipart';
import { Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  type Actor,
  BadUserInputError,
  CurrentActor,
  CurrentRequest,
  NotFoundError,
  requestMeta,
  type RequestWithActor,
  Roles,
} from '@cx/api-shared-graphql';
import { AGENCY_ROLES, OMB_ROLES, Role } from '@cx/shared-domain';
import type { FastifyReply } from 'fastify';

import { AssessmentService } from './assessment.service';
import { MAX_EVIDENCE_BYTES } from './evidence-file-policy';

interface UploadedEvidence {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/**
 * Reads the multipart form: its `file` part, in memory up to one byte over the limit (a larger file is cut
 * there and reported by its size, so the file policy gives its plain-language message whatever the size), and
 * its `title` field. Any other file part is skipped; a malformed form is refused on the file field.
 */
async function readEvidenceForm(req: RequestWithActor): Promise<{ file?: UploadedEvidence; title: string }> {
  if (!req.isMultipart()) throw BadUserInputError.field('file', 'Choose a file to attach.');
  let file: UploadedEvidence | undefined;
  let fileName = '';
  let title = '';
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_EVIDENCE_BYTES + 1, files: 1, fields: 5, parts: 6 } })) {
      if (part.type === 'field') {
        if (part.fieldname === 'title') title = String(part.value ?? '');
      } else if (part.fieldname !== 'file') {
        part.file.resume();
      } else {
        fileName = part.filename;
        const buffer = await part.toBuffer();
        file = { originalname: fileName, size: buffer.length, buffer };
      }
    }
  } catch (err) {
    // Too large: the reading stops at the limit, and the size alone decides the answer.
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      return { file: { originalname: fileName, size: MAX_EVIDENCE_BYTES + 1, buffer: Buffer.alloc(0) }, title };
    throw BadUserInputError.field('file', 'The upload could not be read. Attach one file and try again.');
  }
  return { file, title };
}

/**
 * File evidence travels over plain HTTP (multipart up, attachment down) rather than GraphQL.
 * The global guard applies here too: session, roles and the x-csrf-token header on the upload.
 */
@Controller('api')
export class EvidenceController {
  constructor(private readonly assessmentService: AssessmentService) {}

  @Post('assessments/:assessmentId/criteria/:criterionCode/evidence')
  @Roles(Role.AGENCY_CX_LEAD, Role.AGENCY_CONTRIBUTOR)
  async upload(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Param('assessmentId', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('assessment') })) assessmentId: string,
    @Param('criterionCode') criterionCode: string,
  ): Promise<{ ok: true; evidenceCount: number }> {
    // Read after the guard (session, role, CSRF token) has let the request through.
    const { file, title } = await readEvidenceForm(req);
    const f = file ?? { originalname: '', size: 0, buffer: Buffer.alloc(0) };
    const result = await this.assessmentService.addEvidenceFile(
      actor,
      assessmentId,
      criterionCode.slice(0, 60),
      title,
      f,
      requestMeta(req),
    );
    return { ok: true, evidenceCount: result.evidence.length };
  }

  @Get('evidence/:id/download')
  @Roles(...AGENCY_ROLES, ...OMB_ROLES)
  async download(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('file') })) id: string,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const file = await this.assessmentService.evidenceFile(actor, id, requestMeta(req));
    void res
      .headers({
        'Content-Type': file.contentType,
        'Content-Length': String(file.content.length),
        // Always a download, never rendered: no HTML or script from an upload ever runs in our origin.
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
        Digest: `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`,
      })
      .send(file.content);
  }
}
