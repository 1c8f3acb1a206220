import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiItem, ApiQuestion } from '../openapi/operations';
import { Sovereignty, SovereigntySimulation } from './sovereignty.schemas';
import { Reads, Records } from '../auth/roles';
import { SimulateDto } from './simulate.commands';
import { GetSovereignty, SimulateSovereignty, SovereigntyParams } from './sovereignty.queries';

@ApiTags('sovereignty')
@ApiBearerAuth()
@Controller('sovereignty')
export class SovereigntyReadController {
  constructor(private readonly queries: QueryBus) {}

  /** 19.6.a–d and 19.2 evaluated on the business date `validAt`, from what the log held at `asOf`, with the 19.6.f notices. */
  @ApiItem('Evaluate protection against non-EU law (19.6, 19.2) on a business date', Sovereignty, {
    description: 'Verdict per requirement with the holders, figures, rights, access paths and locations behind it',
    notFound: true,
  })
  @Get()
  @Reads()
  evaluate(@Query() params: SovereigntyParams) {
    return this.queries.execute(new GetSovereignty(params));
  }

  /** A planned operation (holdings from future dates) evaluated without recording anything. */
  @ApiQuestion(
    'Simulate planned holdings without recording them',
    SovereigntySimulation,
    'The evaluation after the changes, the verdicts before them, and the requirements they would break (`breaks`); nothing is appended',
    [404, 422],
  )
  @Post('simulate')
  @Records()
  @HttpCode(200)
  simulate(@Body() body: SimulateDto) {
    return this.queries.execute(new SimulateSovereignty(body));
  }
}
