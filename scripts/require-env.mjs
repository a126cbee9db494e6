// Stops a script early, with one clear line, when an environment variable it needs is missing.
for (const name of process.argv.slice(2)) {
  if (!process.env[name]) {
    console.error(
      `missing ${name}: set it to a PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/longarm_test`,
    );
    process.exit(1);
  }
}
