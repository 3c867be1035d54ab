// @ts-check
// typescript-eslint's strict type-checked rules over every TypeScript file (shipped code, tests, bench).
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Event data, job payloads and gateway results are `unknown` until a zod schema has read them.
const uncheckedCast = 'Read event data, job payloads and gateway results through their zod schemas (EVENT_SCHEMAS / isEventOf in @fsr/domain, HOST_COMMANDS / payloadSchemaOf / resultSchemaOf in @fsr/contracts), never with a cast.';
const castOperands = ['TSAsExpression', 'TSTypeAssertion'].flatMap((cast) => [
  `${cast} > MemberExpression.expression[property.name=/^(data|returnvalue)$/]`,
  `${cast} > ChainExpression.expression > MemberExpression[property.name=/^(data|returnvalue)$/]`,
]);

export default defineConfig(
  // Plain JavaScript (node scripts, the console's browser modules) and generated code are not linted.
  globalIgnores(['dist/', 'coverage/', 'data/', 'libs/infrastructure/src/prisma/generated/', 'apps/api/console/', '**/*.js', '**/*.cjs', '**/*.mjs']),
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    // A disable comment that no longer disables anything fails the lint too.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['prisma.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Nest modules are empty classes carrying a decorator: that is how Nest declares them.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // A number or a RegExp prints as itself; objects, nullish values and the like are still caught.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowRegExp: true, allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false },
      ],
      // `(x) => log(x)` as a callback is the codebase's idiom; a void value used anywhere else is still caught.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `_`-named bindings are deliberate: rest-spread omissions and `const _unhandled: never` exhaustiveness checks.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Without noUncheckedIndexedAccess, index reads (records, arrays, regex groups) and typings that omit
      // undefined (Nest's reflector, Express callbacks) look always present: the rule would delete guards that matter.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // An async function with nothing to await is how a port's implementation returns a promise and turns
      // a throw into a rejection (in-memory store, fakes); no-floating-promises and no-misused-promises catch the real mistakes.
      '@typescript-eslint/require-await': 'off',
      // `!` marks a lookup the lines before guarantee (a map filled from the same keys, a stack popped while non-empty,
      // a job id BullMQ sets on add); a throw in its place would be a branch that cannot run.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Rejection handlers name what the called API rejects with (`NodeJS.ErrnoException` from fs), as its try/catch casts do.
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'off',
      // Raw-query row types and some driver typings (ioredis TIME) are declarations, not what the wire sends:
      // the BigInt()/Number() around them normalise what PostgreSQL, PGlite and Redis return.
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // Nest DTO classes describe plain JSON answers for OpenAPI; they are never constructed or checked with instanceof.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      'no-restricted-syntax': ['error', ...castOperands.map((selector) => ({ selector, message: uncheckedCast }))],
    },
  },
  {
    // The benchmarks drive the API over HTTP as the e2e tests do: answer bodies are `any`, read where they are used.
    files: ['bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowAny: true, allowNumber: true, allowRegExp: true, allowBoolean: false, allowNever: false, allowNullish: false },
      ],
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'apps/*/test/**', 'test/**', 'libs/testing/**'],
    rules: {
      // HTTP bodies (supertest's `body`) and parsed JSON are `any`; tests read them and assert with expect.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowAny: true, allowNumber: true, allowRegExp: true, allowBoolean: false, allowNever: false, allowNullish: false },
      ],
      '@typescript-eslint/restrict-plus-operands': [
        'error',
        { allowAny: true, allowBoolean: false, allowNullish: false, allowNumberAndString: false, allowRegExp: false },
      ],
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests load plain-JS CommonJS modules (the console's assets, scripts/) with require and a declared shape.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
