import { Module } from '@nestjs/common';
import { WebController } from './web.controller';

/** The routes the web app reads about itself: how to sign in, and who is signed in. */
@Module({ controllers: [WebController] })
export class WebModule {}
