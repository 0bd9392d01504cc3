// jest runs the unit and node tests (test/unit, test/nodes): plain ESM `.mjs` files, no transform,
// in jest's ESM mode (`node --experimental-vm-modules`, see scripts/test.mjs). Each test file gets
// its own module registry, so the harness initialises n8n-core (DI container, BinaryDataService)
// once per file. The end-to-end and browser layers stay on node:test (scripts/test.mjs).
export default {
	rootDir: '.',
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/unit/**/*.test.mjs', '<rootDir>/test/nodes/**/*.test.mjs'],
	moduleFileExtensions: ['mjs', 'js', 'cjs', 'json', 'node'],
	transform: {},
	// the built package and n8n's dev host are not test sources
	modulePathIgnorePatterns: ['<rootDir>/dev/', '<rootDir>/.n8n-e2e/', '<rootDir>/test-results/'],
	// node:test had no per-test limit; some tests ride out real Retry-After waits (up to ~4 s)
	testTimeout: 30_000,
	maxWorkers: 2,
	clearMocks: true,
};
