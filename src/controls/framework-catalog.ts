import { Injectable } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { invalid, notFound } from '../shared/errors';
import { requirementsOf, type Framework, type RequirementEntry } from './catalog';

/** `frameworks/` at the project root, whether running from src/ (tests) or dist/src/ (built). */
function frameworksDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'frameworks'))) return join(dir, 'frameworks');
  }
  throw new Error('frameworks/ directory not found');
}

/** Every framework shipped as a data file in `frameworks/`; adding one is adding a file. */
@Injectable()
export class FrameworkCatalog {
  private readonly frameworks = new Map<string, { framework: Framework; requirements: Map<string, RequirementEntry> }>();

  constructor() {
    const dir = frameworksDir();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
      const framework = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Framework;
      this.frameworks.set(framework.id, { framework, requirements: new Map(requirementsOf(framework).map((r) => [r.ref, r])) });
    }
  }

  list(): Framework[] {
    return [...this.frameworks.values()].map((entry) => entry.framework);
  }

  has(frameworkId: string): boolean {
    return this.frameworks.has(frameworkId);
  }

  get(frameworkId: string): Framework {
    const entry = this.frameworks.get(frameworkId);
    if (!entry) throw notFound(`framework ${frameworkId} not found`);
    return entry.framework;
  }

  requirements(frameworkId: string): readonly RequirementEntry[] {
    return requirementsOf(this.get(frameworkId));
  }

  /** The requirement, or a validation error naming `field` when the framework has no such ref. */
  requirement(frameworkId: string, ref: string, field: string): RequirementEntry {
    const found = this.frameworks.get(frameworkId)?.requirements.get(ref);
    if (!found) throw invalid(field, `${ref} is not a requirement of ${frameworkId}`);
    return found;
  }
}
