// jest in CommonJS mode: ts-jest compiles TypeScript test files to CommonJS.
module.exports = {
  testEnvironment: "node",
  testTimeout: 60_000,
  testMatch: ["**/*.jest.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }] },
};
