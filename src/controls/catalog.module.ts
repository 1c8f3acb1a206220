import { Global, Module } from '@nestjs/common';
import { FrameworkCatalog } from './framework-catalog';

/** The framework catalogs, loaded once; global because several areas check requirement refs. */
@Global()
@Module({ providers: [FrameworkCatalog], exports: [FrameworkCatalog] })
export class CatalogModule {}
