/**
 * The architecture boundaries `npm test` enforces (decision 17). Each rule
 * says why; `allowed` exceptions are named with their reason.
 */
const AREAS = '(audits|certifications|changes|controls|dossier|evidence|history|incidents|milestones|obligations|people|timeline)';
const FRAMEWORK_OR_DATABASE = '(^|/)node_modules/(@types/)?(@nestjs/|better-sqlite3|@eventstore/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle makes load order matter and the parts inseparable.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-code-imports-no-framework-or-database',
      severity: 'error',
      comment: 'Projections, templates and deciders are pure: the same input gives the same output, tested without a server or a database.',
      from: { path: '^(projections|templates)/|\\.decider\\.ts$' },
      to: { path: FRAMEWORK_OR_DATABASE },
    },
    {
      name: 'only-the-wiring-knows-a-concrete-event-store',
      severity: 'error',
      comment: 'Areas, the read side and the CLI use the EventStore port; only the event store itself and the code that picks a backend name an adapter.',
      // Allowed: the backup command, which copies the embedded store's file (EventStoreDB has backups of its own).
      from: { path: '^(src|projections|templates)/', pathNot: ['^src/event-store/', '^src/cli/backup\\.command\\.ts$'] },
      to: { path: '^src/event-store/(sqlite|eventstoredb)/' },
    },
    {
      name: 'areas-meet-through-events-and-lookups',
      severity: 'error',
      comment: 'A domain area reads another only through its events (stream names, event types) and its lookup (a state another handler may need).',
      from: { path: `^src/${AREAS}/` },
      // Allowed: the framework catalog (controls/catalog.ts, framework-catalog.ts), reference data
      // loaded from frameworks/*.json that every area cites requirements from; it holds no area's state.
      to: { path: `^src/${AREAS}/`, pathNot: ['^src/$1/', '\\.events\\.ts$', '-lookup\\.ts$', '^src/controls/(catalog|framework-catalog)\\.ts$'] },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
