// The layers of README's "Architecture", checked by `npm run lint:deps` (part of `npm test`).
// Tests and their fixtures may reach into a library's files; the code that ships may not.
const TESTS = [
  '\\.(spec|int-spec|e2e-spec)\\.ts$',
  '\\.fixtures?\\.ts$',
  '\\.contract\\.ts$',
  '/contract-fixtures\\.ts$',
  '^apps/[^/]+/(test|bench)/',
  '/e2e/',
  '^libs/testing/',
];
const PRISMA = ['^node_modules/(@prisma|prisma|pg|@electric-sql|pglite-prisma-adapter)/', '/prisma/generated/'];
const ADAPTER_PACKAGES = '^node_modules/(@prisma|prisma|pg|@electric-sql|pglite-prisma-adapter|bullmq|@nestjs/bullmq|ioredis|express|@nestjs/platform-express)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-nothing',
      comment: 'The domain is plain TypeScript: no framework, no driver, not even a Node built-in; zod alone, in which its events\' shapes are written.',
      severity: 'error',
      from: { path: '^libs/domain/src/', pathNot: TESTS },
      to: { pathNot: ['^libs/domain/src/', '^node_modules/zod/'] },
    },
    {
      name: 'contracts-import-only-domain',
      comment: 'Queue names, timeouts and payload schemas both sides share: built on the domain and zod alone.',
      severity: 'error',
      from: { path: '^libs/contracts/src/', pathNot: TESTS },
      to: { pathNot: ['^libs/(contracts|domain)/src/', '^node_modules/zod/'] },
    },
    {
      name: 'application-imports-no-adapter',
      comment: 'Handlers talk to ports; Prisma, BullMQ, Redis, Express and the apps stay behind them.',
      severity: 'error',
      from: { path: '^libs/application/src/', pathNot: TESTS },
      to: { path: ['^libs/(infrastructure|redis-plumbing)/', '^apps/', ADAPTER_PACKAGES] },
    },
    {
      name: 'use-case-handlers-import-no-adapter',
      comment: 'A use case folder holds its HTTP edge, but its command, handler and preview talk to ports as libs/application does.',
      severity: 'error',
      from: { path: '^apps/api/src/control-plane/[^/]+/[^/]+\\.(command|handler)\\.ts$', pathNot: TESTS },
      to: { path: ['^libs/(infrastructure|redis-plumbing)/', '^apps/api/src/(?!control-plane/)', '\\.(controller|dto)\\.ts$', ADAPTER_PACKAGES] },
    },
    {
      name: 'use-case-handlers-ask-ports-for-time-ids-and-files',
      comment: 'As in libs/application: new ids, the time and the file system come through ports.',
      severity: 'error',
      from: { path: '^apps/api/src/control-plane/[^/]+/[^/]+\\.(command|handler)\\.ts$', pathNot: TESTS },
      to: { dependencyTypes: ['core'], path: '^(crypto|fs|fs/promises|child_process|os)$' },
    },
    {
      name: 'application-asks-ports-for-time-ids-and-files',
      comment: 'New ids, the time recorded and the file system come through ports (CLOCK, IDS, DATASTORE_DIRECTORIES), so a test can give its own.',
      severity: 'error',
      from: { path: '^libs/application/src/', pathNot: TESTS },
      to: { dependencyTypes: ['core'], path: '^(crypto|fs|fs/promises|child_process|os)$' },
    },
    {
      name: 'redis-plumbing-loads-no-prisma',
      comment: 'The agents run on this library: it imports no other library and nothing of Prisma.',
      severity: 'error',
      from: { path: '^libs/redis-plumbing/src/', pathNot: TESTS },
      to: { path: ['^libs/(?!redis-plumbing/)', ...PRISMA] },
    },
    {
      name: 'libraries-import-no-app',
      comment: 'Apps are built on libraries, never the other way round.',
      severity: 'error',
      from: { path: '^libs/', pathNot: TESTS },
      to: { path: '^apps/' },
    },
    {
      name: 'only-through-barrels',
      comment: "Another library is imported as @fsr/<name> (its src/index.ts), never a file inside it.",
      severity: 'error',
      from: { path: '^(libs/[^/]+|apps|bench|scripts|test)/', pathNot: TESTS },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'agent-stays-off-the-control-plane',
      comment: 'The data plane imports neither the control plane libraries nor Prisma nor NestJS.',
      severity: 'error',
      from: { path: '^apps/host-agent/src/', pathNot: TESTS },
      to: { path: ['^libs/(infrastructure|application)/', '^apps/(?!host-agent/)', '^node_modules/@nestjs/', ...PRISMA] },
    },
    {
      name: 'agent-never-loads-prisma',
      comment: 'Nor does anything the agent loads, however indirectly.',
      severity: 'error',
      from: { path: '^apps/host-agent/src/', pathNot: TESTS },
      to: { path: PRISMA, reachable: true },
    },
    {
      name: 'no-cycles',
      comment: 'A cycle makes load order matter and the files one concept.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import no file or package answers: a typo, or a package missing from package.json.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: ['node_modules', '/prisma/generated/'] },
    exclude: { path: ['^dist/', '^apps/api/console/'] },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json', '.node'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
