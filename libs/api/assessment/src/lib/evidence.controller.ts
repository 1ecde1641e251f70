import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { type Actor, CurrentActor, CurrentRequest, NotFoundError, requestMeta, type RequestWithActor, Roles } from '@cx/api-shared-graphql';
import { AGENCY_ROLES, OMB_ROLES, Role } from '@cx/shared-domain';
import type { Response } from 'express';

import { AssessmentService } from './assessment.service';
import { MAX_EVIDENCE_BYTES } from './evidence-file-policy';

interface UploadedEvidence {
  originalname: string;
  size: number;
  buffer: Buffer;
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
  // Files stay in memory (Nest's default). One byte over the limit lets the policy give its plain-language message instead of multer's.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_EVIDENCE_BYTES + 1, files: 1, fields: 5 } }))
  async upload(
    @CurrentActor() actor: Actor,
    @CurrentRequest() req: RequestWithActor,
    @Param('assessmentId', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('assessment') })) assessmentId: string,
    @Param('criterionCode') criterionCode: string,
    @Body('title') title: string | undefined,
    @UploadedFile() file: UploadedEvidence | undefined,
  ): Promise<{ ok: true; evidenceCount: number }> {
    const f = file ?? { originalname: '', size: 0, buffer: Buffer.alloc(0) };
    const result = await this.assessmentService.addEvidenceFile(
      actor,
      assessmentId,
      criterionCode.slice(0, 60),
      String(title ?? ''),
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
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.assessmentService.evidenceFile(actor, id, requestMeta(req));
    res.set({
      'Content-Type': file.contentType,
      'Content-Length': String(file.content.length),
      // Always a download, never rendered: no HTML or script from an upload ever runs in our origin.
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
      Digest: `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`,
    });
    res.end(file.content);
  }
}
