// setupFilesAfterEnv of the integration and end-to-end tiers: their hooks open databases and start processes,
// seconds on a loaded 2-core machine, so Jest's 5 s default is too tight (a per-project testTimeout is ignored).
jest.setTimeout(30_000);
