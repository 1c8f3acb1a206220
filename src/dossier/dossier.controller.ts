import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Reads } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { ReadParams } from '../read-side/read-params';
import { DossierService, IssueDossierMessage } from './dossier.service';
import type { Language } from './dossier.model';
import { LANGUAGES } from '../../templates/template';
import { ApiFile, ApiItem } from '../openapi/operations';
import { text } from '../openapi/schema';
import { Dossier, DOSSIER_PDF_HEADERS } from './dossier.schemas';

export class DossierPdfParams extends ReadParams {
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}

@ApiTags('dossier')
@ApiBearerAuth()
@Controller('certifications/:id')
export class DossierController {
  constructor(private readonly dossiers: DossierService, private readonly bus: CommandBus) {}

  /** The dossier as data, as of `asOf` or the head of the log. */
  @ApiItem('The evidence dossier as data', Dossier)
  @Get('dossier')
  @Reads()
  model(@Param('id') id: string, @Query() params: ReadParams) {
    return this.dossiers.model(id, params.asOf, params.validAt);
  }

  /** The dossier as a PDF/A-3a file; each download is recorded as a DossierIssued event. */
  @ApiFile('Download the evidence dossier as PDF/A-3a', 'application/pdf', 'The PDF/A-3a file; X-Dossier-Sha256 and X-Dossier-Position say what it is, X-Dossier-Event-Id where its issue is recorded', {
    ...DOSSIER_PDF_HEADERS,
    'Content-Disposition': { description: 'attachment; filename="dossier-<id>-<position>-<lang>.pdf"', schema: text() },
  })
  @Get('dossier.pdf')
  @Reads()
  async pdf(@Param('id') id: string, @Query() params: DossierPdfParams, @Ctx() ctx: CommandContext, @Res() reply: FastifyReply) {
    const language = params.lang ?? 'fr';
    const { pdf, sha256, manifest } = await this.dossiers.pdf(id, language, params.asOf, params.validAt);
    const { certificationId, position, templateVersion } = manifest;
    const issued: CommandResult = await this.bus.execute(
      new IssueDossierMessage({ kind: 'IssueDossier', certificationId, position, language, templateVersion, sha256, size: pdf.length }, ctx),
    );
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="dossier-${id}-${position}-${language}.pdf"`)
      .header('x-dossier-sha256', sha256)
      .header('x-dossier-position', position)
      .header('x-dossier-event-id', issued.eventIds[0])
      .send(pdf);
  }
}
