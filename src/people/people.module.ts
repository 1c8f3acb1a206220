import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller';
import { ErasePersonHandler, RegisterPersonHandler } from './people.handlers';

@Module({ controllers: [PeopleController], providers: [RegisterPersonHandler, ErasePersonHandler] })
export class PeopleModule {}
