import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { Clock } from '../shared/clock';
import { peopleDecider } from './people.decider';
import { personStream } from './people.events';
import type { RegisterPersonDto } from './people.commands';
import { PeopleRegistry } from './people-registry';

export class RegisterPerson {
  /** `mayChangeAnyone`: the sender may change the details of a person already registered (admins; the demo loader). */
  constructor(readonly person: RegisterPersonDto, readonly context: CommandContext, readonly mayChangeAnyone = false) {}
}
export class ErasePerson {
  constructor(readonly subject: string, readonly context: CommandContext) {}
}

@CommandHandler(RegisterPerson)
export class RegisterPersonHandler implements ICommandHandler<RegisterPerson, CommandResult> {
  constructor(private readonly runner: CommandRunner, @Inject(PeopleRegistry) private readonly registry: PeopleRegistry, private readonly clock: Clock) {}

  async execute({ person, context, mayChangeAnyone }: RegisterPerson): Promise<CommandResult> {
    const by = { subject: context.actor, mayChangeAnyone };
    const result = await this.runner.run({ decider: peopleDecider, stream: personStream(person.subject), command: { kind: 'RegisterPerson', subject: person.subject, by }, context });
    this.registry.save({ subject: person.subject, displayName: person.displayName, email: person.email ?? null, organisation: person.organisation ?? null }, this.clock.now());
    return { ...result, id: person.subject };
  }
}

@CommandHandler(ErasePerson)
export class ErasePersonHandler implements ICommandHandler<ErasePerson, CommandResult> {
  constructor(private readonly runner: CommandRunner, @Inject(PeopleRegistry) private readonly registry: PeopleRegistry) {}

  async execute({ subject, context }: ErasePerson): Promise<CommandResult> {
    const result = await this.runner.run({ decider: peopleDecider, stream: personStream(subject), command: { kind: 'ErasePerson', subject }, context });
    this.registry.erase(subject);
    return { ...result, id: subject };
  }
}
