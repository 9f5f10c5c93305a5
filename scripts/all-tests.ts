// One process for the whole list of test files (see scripts/test.mjs): the files register their tests with
// node:test when imported, and share module-level singletons such as the migrated test database.
const files = (process.env.PONTE_TEST_FILES ?? '').split('\n').filter(Boolean);
for (const file of files) {
  await import(file);
}
