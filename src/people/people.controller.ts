import { Body, Controller, Delete, Get, Inject, Param, Post, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, Reads, Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import { notFound } from '../shared/errors';
import { RegisterPersonDto } from './people.commands';
import { ErasePerson, RegisterPerson } from './people.handlers';
import { PeopleRegistry } from './people-registry';
import { CommandRunner } from '../command-side/command-runner';
import { peopleDecider } from './people.decider';
import { personStream } from './people.events';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiCommand, ApiItem } from '../openapi/operations';
import { Person, PersonList } from './people.schemas';
import { shownTo } from './personal-data';

@ApiTags('people')
@ApiBearerAuth()
@CommandRoutes()
@Controller('people')
export class PeopleController {
  constructor(
    private readonly bus: CommandBus,
    @Inject(PeopleRegistry) private readonly registry: PeopleRegistry,
    private readonly runner: CommandRunner,
  ) {}

  @ApiCommand('Register a person, or update their details')
  @Post()
  @Records()
  register(@Body() body: RegisterPersonDto, @Ctx() context: CommandContext, @Req() request: AuthenticatedRequest) {
    return this.bus.execute(new RegisterPerson(body, context, request.principal?.role === 'admin'));
  }

  /** Erasure: the registry forgets the person; the log keeps only their subject id. */
  @ApiCommand('Erase a person from the registry')
  @Delete(':subject')
  @AdminOnly()
  erase(@Param('subject') subject: string, @Ctx() context: CommandContext) {
    return this.bus.execute(new ErasePerson(subject, context));
  }

  /** Everyone registered, by subject id; e-mail addresses as for a single person. */
  @ApiItem('List people', PersonList)
  @Get()
  @Reads()
  list(@Req() request: AuthenticatedRequest) {
    return { items: this.registry.list().map((person) => ({ ...shownTo(request.principal, person), erased: false })) };
  }

  /** A person's details, or `erased: true` once erased: the log still names the subject id. */
  @ApiItem('Get a person', Person)
  @Get(':subject')
  @Reads()
  async get(@Param('subject') subject: string, @Req() request: AuthenticatedRequest) {
    const person = this.registry.get(subject);
    if (person) return { ...shownTo(request.principal, person), erased: false };
    const { state } = await this.runner.load(peopleDecider, personStream(subject));
    if (state.status === 'erased') return { subject, displayName: null, email: null, organisation: null, erased: true };
    throw notFound(`person ${subject} not found`);
  }
}
