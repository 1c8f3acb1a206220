import { Module } from '@nestjs/common';
import { ControlsController } from './controls.controller';
import { ControlHandler } from './controls.handlers';
import { FrameworksController } from './frameworks.controller';
import { FRAMEWORK_QUERY_HANDLERS } from './frameworks.queries';

/** Statements of applicability and control checks per requirement of a certification, and the framework catalogs. */
@Module({ controllers: [ControlsController, FrameworksController], providers: [ControlHandler, ...FRAMEWORK_QUERY_HANDLERS] })
export class ControlsModule {}
