// @electric-sql (PGlite) is CommonJS but loads its Wasm with dynamic import(), which Jest's vm only runs once transformed.
const esmOnly = '@electric-sql|@nestjs|file-type|load-esm|uid|strtok3|token-types|@tokenizer|uint8array-extras|@borewit';

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(t|j|cj)s$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  moduleNameMapper: {
    '^@fsr/(domain|application|infrastructure|contracts|redis-plumbing|testing)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts,test}/**/*.spec.ts'] },
    { ...base, displayName: 'int', setupFilesAfterEnv: ['<rootDir>/test/slow-tier-timeout.js'], globalSetup: '<rootDir>/test/build-once.js', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', setupFilesAfterEnv: ['<rootDir>/test/slow-tier-timeout.js'], globalSetup: '<rootDir>/test/build-once.js', testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'] },
  ],
};
