import { Body, Controller, Delete, Get, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, Reads, Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import { notFound } from '../shared/errors';
import { RegisterPersonDto } from './people.commands';
import { ErasePerson, RegisterPerson } from './people.handlers';
import { PeopleRegistry } from './people-registry';

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly bus: CommandBus, @Inject(PeopleRegistry) private readonly registry: PeopleRegistry) {}

  @Post()
  @Records()
  register(@Body() body: RegisterPersonDto, @Ctx() context: CommandContext) {
    return this.bus.execute(new RegisterPerson(body, context));
  }

  /** Erasure: the registry forgets the person; the log keeps only their subject id. */
  @Delete(':subject')
  @AdminOnly()
  erase(@Param('subject') subject: string, @Ctx() context: CommandContext) {
    return this.bus.execute(new ErasePerson(subject, context));
  }

  @Get(':subject')
  @Reads()
  get(@Param('subject') subject: string) {
    return this.registry.get(subject) ?? Promise.reject(notFound(`person ${subject} not found (never registered, or erased)`));
  }
}
